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

/** A patient who lost their password gets a reset code from a clinician of their care team. */
@Path("/api/v1/patients/{patientId}/password-reset-code")
@Produces(MediaType.APPLICATION_JSON)
public class PatientPasswordResetResource {

    private final PasswordService passwords;

    PatientPasswordResetResource(PasswordService passwords) {
        this.passwords = passwords;
    }

    @POST
    @NeverReplayed
    @RolesAllowed(Role.CLINICIAN_NAME)
    public Response createPatientPasswordResetCode(@RestPath UUID patientId) {
        return Response.status(201).entity(passwords.issueForPatient(patientId)).build();
    }
}
