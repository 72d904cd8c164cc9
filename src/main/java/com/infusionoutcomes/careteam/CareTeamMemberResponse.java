package com.infusionoutcomes.careteam;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.infusionoutcomes.caller.Role;

@Schema(name = "CareTeamMember")
public record CareTeamMemberResponse(UUID userId, String username, String displayName, Role role, Instant addedAt) {
}
