package com.infusionoutcomes.auth;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestPath;

import com.infusionoutcomes.caller.Role;
import com.infusionoutcomes.idempotency.NeverReplayed;

/**
 * A staff account that lost its password gets a reset code from an administrator; a patient's comes from their
 * care team ({@link PatientPasswordResetResource}).
 */
@Path("/api/v1/users/{userId}/password-reset-code")
@Produces(MediaType.APPLICATION_JSON)
public class StaffPasswordResetResource {

    private final PasswordService passwords;

    StaffPasswordResetResource(PasswordService passwords) {
        this.passwords = passwords;
    }

    @POST
    @NeverReplayed
    @RolesAllowed(Role.ADMIN_NAME)
    public Response createPasswordResetCode(@RestPath UUID userId) {
        return Response.status(201).entity(passwords.issueForStaff(userId)).build();
    }
}
