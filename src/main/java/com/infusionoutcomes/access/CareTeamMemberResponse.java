package com.infusionoutcomes.access;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "CareTeamMember")
public record CareTeamMemberResponse(UUID userId, String username, String displayName, Role role, Instant addedAt) {
}
