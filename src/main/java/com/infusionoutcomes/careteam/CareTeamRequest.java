package com.infusionoutcomes.careteam;

import java.util.UUID;

import jakarta.validation.constraints.NotNull;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "CareTeamMemberRequest")
public record CareTeamRequest(@NotNull UUID userId) {
}
