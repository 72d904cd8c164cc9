package com.infusionoutcomes.session;

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
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import com.fasterxml.jackson.databind.JsonNode;
import com.infusionoutcomes.caller.Role;
import com.infusionoutcomes.http.Preconditions;
import com.infusionoutcomes.json.JsonMergePatch;
import com.infusionoutcomes.paging.Cursor;
import com.infusionoutcomes.paging.Page;
import com.infusionoutcomes.paging.QueryParameters;

@Path("/api/v1/patients/{patientId}/sessions")
@Produces(MediaType.APPLICATION_JSON)
public class SessionResource {

    private final SessionService service;

    SessionResource(SessionService service) {
        this.service = service;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.CLINICIAN_NAME)
    public Response createSession(@RestPath UUID patientId, @Valid @NotNull SessionRequest request) {
        SessionResponse created = service.record(patientId, request);
        return Response.created(URI.create("/api/v1/patients/" + patientId + "/sessions/" + created.id()))
                .entity(created).tag(etag(created)).build();
    }

    @GET
    @RolesAllowed({ Role.PATIENT_NAME, Role.CLINICIAN_NAME })
    public Page<SessionResponse> listSessions(@RestPath UUID patientId, @RestQuery String cursor,
            @RestQuery String limit) {
        return service.list(patientId, Cursor.decode(cursor), QueryParameters.limit(limit));
    }

    @GET
    @Path("/{sessionId}")
    @RolesAllowed({ Role.PATIENT_NAME, Role.CLINICIAN_NAME })
    public Response getSession(@RestPath UUID patientId, @RestPath UUID sessionId) {
        SessionResponse session = service.get(patientId, sessionId);
        return Response.ok(session).tag(etag(session)).build();
    }

    @PATCH
    @Path("/{sessionId}")
    @Consumes({ JsonMergePatch.MEDIA_TYPE, MediaType.APPLICATION_JSON })
    @RolesAllowed(Role.CLINICIAN_NAME)
    public Response updateSession(@RestPath UUID patientId, @RestPath UUID sessionId,
            @RestHeader(Preconditions.IF_MATCH) String ifMatch, @NotNull JsonNode patch) {
        SessionResponse session = service.update(patientId, sessionId, ifMatch, patch);
        return Response.ok(session).tag(etag(session)).build();
    }

    private static EntityTag etag(SessionResponse session) {
        return new EntityTag(Long.toString(session.version()));
    }
}
