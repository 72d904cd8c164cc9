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

@Path("/api/v1/patients/{patientId}/enrollment-code")
@Produces(MediaType.APPLICATION_JSON)
public class EnrollmentResource {

    private final EnrollmentService service;

    EnrollmentResource(EnrollmentService service) {
        this.service = service;
    }

    @POST
    @NeverReplayed
    @RolesAllowed(Role.CLINICIAN_NAME)
    public Response createEnrollmentCode(@RestPath UUID patientId) {
        return Response.status(201).entity(service.issue(patientId)).build();
    }
}
