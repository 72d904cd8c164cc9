package com.infusionoutcomes.auth;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.infusionoutcomes.user.Passwords;

@Schema(name = "ChangePasswordRequest")
public record ChangePasswordRequest(
        @NotNull @Size(max = 200) String currentPassword,
        @NotNull @Size(min = Passwords.MIN_LENGTH, max = Passwords.MAX_LENGTH) String newPassword) {
}
