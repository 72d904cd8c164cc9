package com.infusionoutcomes.auth;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.infusionoutcomes.user.Passwords;

@Schema(name = "EnrollRequest")
public record EnrollRequest(
        @NotNull @Size(max = 32) String code,
        @NotNull @Pattern(regexp = "[A-Za-z0-9._@-]{3,64}", message = "3-64 letters, digits or . _ @ -") String username,
        @NotNull @Size(min = Passwords.MIN_LENGTH, max = Passwords.MAX_LENGTH) String password) {
}
