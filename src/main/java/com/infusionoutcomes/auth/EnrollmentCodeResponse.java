package com.infusionoutcomes.auth;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "EnrollmentCode")
public record EnrollmentCodeResponse(String code, Instant expiresAt) {
}
