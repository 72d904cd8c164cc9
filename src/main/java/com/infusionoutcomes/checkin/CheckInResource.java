package com.infusionoutcomes.checkin;

import java.net.URI;
import java.time.Instant;
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
import com.infusionoutcomes.paging.QueryParameters;

@Path("/api/v1/patients/{patientId}/check-ins")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Role.PATIENT_NAME, Role.CLINICIAN_NAME })
public class CheckInResource {

    private final CheckInService service;
    private final CheckInCorrectionService corrections;

    CheckInResource(CheckInService service, CheckInCorrectionService corrections) {
        this.service = service;
        this.corrections = corrections;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response createCheckIn(@RestPath UUID patientId, @Valid @NotNull CheckInRequest request) {
        CheckInService.Recorded recorded = service.record(patientId, request);
        if (!recorded.created()) {
            return Response.ok(recorded.checkIn()).tag(etag(recorded.checkIn())).build();
        }
        return Response.created(URI.create("/api/v1/patients/" + patientId + "/check-ins/" + recorded.checkIn().id()))
                .entity(recorded.checkIn()).tag(etag(recorded.checkIn())).build();
    }

    /** One page; the same check-ins as one CSV file are {@link CheckInExportResource}'s. */
    @GET
    public Response listCheckIns(@RestPath UUID patientId, @RestQuery String from, @RestQuery String to,
            @RestQuery String context, @RestQuery String cursor, @RestQuery String limit) {
        Filter filter = Filter.of(from, to, context);
        return Response.ok(service.list(patientId, filter.from(), filter.to(), filter.context(), Cursor.decode(cursor),
                QueryParameters.limit(limit))).build();
    }

    @GET
    @Path("/{checkInId}")
    public Response getCheckIn(@RestPath UUID patientId, @RestPath UUID checkInId) {
        CheckInResponse checkIn = service.get(patientId, checkInId);
        return Response.ok(checkIn).tag(etag(checkIn)).build();
    }

    /**
     * Corrects the check-in (a merge patch of its content), or declares it entered in error
     * ({@code {"status": "entered-in-error"}}). The previous version stays in the history.
     */
    @PATCH
    @Path("/{checkInId}")
    @Consumes({ JsonMergePatch.MEDIA_TYPE, MediaType.APPLICATION_JSON })
    public Response correctCheckIn(@RestPath UUID patientId, @RestPath UUID checkInId,
            @RestHeader(Preconditions.IF_MATCH) String ifMatch, @NotNull JsonNode patch) {
        CheckInResponse checkIn = corrections.correct(patientId, checkInId, ifMatch, patch);
        return Response.ok(checkIn).tag(etag(checkIn)).build();
    }

    @GET
    @Path("/{checkInId}/history")
    public CheckInHistory getCheckInHistory(@RestPath UUID patientId, @RestPath UUID checkInId) {
        return corrections.history(patientId, checkInId);
    }

    /** The query parameters a list and its CSV file share. */
    record Filter(Instant from, Instant to, CheckInContext context) {

        static Filter of(String from, String to, String context) {
            Instant start = QueryParameters.instant("from", from);
            Instant end = QueryParameters.instant("to", to);
            QueryParameters.requireOrdered(start, end);
            return new Filter(start, end, QueryParameters.enumeration("context", context, CheckInContext.class));
        }
    }

    private static EntityTag etag(CheckInResponse checkIn) {
        return new EntityTag(Long.toString(checkIn.version()));
    }
}
