package com.infusionoutcomes.patient;

import java.net.URI;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import com.fasterxml.jackson.databind.JsonNode;
import com.infusionoutcomes.caller.Role;
import com.infusionoutcomes.json.JsonMergePatch;
import com.infusionoutcomes.paging.Cursor;
import com.infusionoutcomes.paging.Page;
import com.infusionoutcomes.paging.QueryParameters;

@Path("/api/v1/patients")
@Produces(MediaType.APPLICATION_JSON)
public class PatientResource {

    private final PatientService service;

    PatientResource(PatientService service) {
        this.service = service;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.CLINICIAN_NAME)
    public Response createPatient(@Valid @NotNull PatientRequest request) {
        PatientResponse created = service.enroll(request);
        return Response.created(URI.create("/api/v1/patients/" + created.id())).entity(created).build();
    }

    @GET
    @RolesAllowed({ Role.CLINICIAN_NAME, Role.ADMIN_NAME })
    public Page<PatientResponse> listPatients(@RestQuery String q, @RestQuery String cursor, @RestQuery String limit) {
        return service.search(QueryParameters.text("q", q), Cursor.decode(cursor), QueryParameters.limit(limit));
    }

    @GET
    @Path("/{patientId}")
    @RolesAllowed({ Role.PATIENT_NAME, Role.CLINICIAN_NAME, Role.ADMIN_NAME })
    public PatientResponse getPatient(@RestPath UUID patientId) {
        return service.get(patientId);
    }

    @PATCH
    @Path("/{patientId}")
    @Consumes({ JsonMergePatch.MEDIA_TYPE, MediaType.APPLICATION_JSON })
    @RolesAllowed(Role.CLINICIAN_NAME)
    public PatientResponse updatePatient(@RestPath UUID patientId, @NotNull JsonNode patch) {
        return service.update(patientId, patch);
    }
}
