package com.infusionoutcomes.user;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.infusionoutcomes.caller.Role;

@Schema(name = "User")
public record UserResponse(UUID id, String username, Role role, String displayName, UUID patientId,
        Instant createdAt, boolean active) {

    public static UserResponse from(AppUser user) {
        return new UserResponse(user.id, user.username, user.role, user.displayName, user.patientId, user.createdAt,
                user.active);
    }
}
