package com.infusionoutcomes.auth;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "PasswordResetCode")
public record PasswordResetCodeResponse(String code, Instant expiresAt) {
}
