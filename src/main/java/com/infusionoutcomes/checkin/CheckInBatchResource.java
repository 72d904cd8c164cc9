package com.infusionoutcomes.checkin;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.RestPath;

import com.infusionoutcomes.caller.Role;

/** Offline sync: {@code POST .../check-ins:batch}, a custom method in the style of Google's API guide (AIP-136). */
@Path("/api/v1/patients/{patientId}/check-ins:batch")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Role.PATIENT_NAME, Role.CLINICIAN_NAME })
public class CheckInBatchResource {

    private final CheckInBatchService service;

    CheckInBatchResource(CheckInBatchService service) {
        this.service = service;
    }

    /** 200 whatever became of the items: each has its own result, in the order sent. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public CheckInBatchResponse recordCheckInBatch(@RestPath UUID patientId,
            @Valid @NotNull CheckInBatchRequest request, UriInfo uri) {
        return service.ingest(patientId, request, uri.getPath());
    }
}
