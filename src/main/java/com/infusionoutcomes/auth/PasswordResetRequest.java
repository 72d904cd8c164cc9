package com.infusionoutcomes.auth;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.infusionoutcomes.user.Passwords;

@Schema(name = "PasswordResetRequest")
public record PasswordResetRequest(
        @NotNull @Size(max = 32) String code,
        @NotNull @Size(min = Passwords.MIN_LENGTH, max = Passwords.MAX_LENGTH) String newPassword) {
}
