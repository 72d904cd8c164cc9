package com.infusionoutcomes.auth;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.infusionoutcomes.caller.Role;
import com.infusionoutcomes.idempotency.NeverReplayed;

import io.vertx.core.http.HttpServerRequest;

/** One's own password; signed in, with the current password. */
@Path("/api/v1/auth/password")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PasswordResource {

    private final PasswordService passwords;

    PasswordResource(PasswordService passwords) {
        this.passwords = passwords;
    }

    @POST
    @NeverReplayed
    @RolesAllowed({ Role.PATIENT_NAME, Role.CLINICIAN_NAME, Role.ADMIN_NAME, Role.RESEARCHER_NAME })
    public Response changePassword(@Valid @NotNull ChangePasswordRequest request, HttpServerRequest http) {
        passwords.change(request, AuthResource.address(http));
        return Response.noContent().build();
    }
}
