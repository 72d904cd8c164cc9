package com.infusionoutcomes.auth;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "TokenRequest")
public record TokenRequest(@NotNull @Size(max = 64) String username, @NotNull @Size(max = 200) String password) {
}
