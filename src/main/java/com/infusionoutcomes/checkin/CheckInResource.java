package com.infusionoutcomes.checkin;

import java.net.URI;
import java.time.Instant;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import com.infusionoutcomes.access.Role;
import com.infusionoutcomes.system.Csv;
import com.infusionoutcomes.system.CsvExport;
import com.infusionoutcomes.system.Cursor;
import com.infusionoutcomes.system.Page;
import com.infusionoutcomes.system.QueryParameters;

@Path("/api/v1/patients/{patientId}/check-ins")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Role.PATIENT_NAME, Role.CLINICIAN_NAME })
public class CheckInResource {

    private final CheckInService service;

    CheckInResource(CheckInService service) {
        this.service = service;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response createCheckIn(@RestPath UUID patientId, @Valid @NotNull CheckInRequest request) {
        CheckInService.Recorded recorded = service.record(patientId, request);
        if (!recorded.created()) {
            return Response.ok(recorded.checkIn()).build();
        }
        return Response.created(URI.create("/api/v1/patients/" + patientId + "/check-ins/" + recorded.checkIn().id()))
                .entity(recorded.checkIn()).build();
    }

    @GET
    public Page<CheckInResponse> listCheckIns(@RestPath UUID patientId, @RestQuery String from,
            @RestQuery String to, @RestQuery String context, @RestQuery String cursor, @RestQuery String limit) {
        Instant start = QueryParameters.instant("from", from);
        Instant end = QueryParameters.instant("to", to);
        QueryParameters.requireOrdered(start, end);
        return service.list(patientId, start, end,
                QueryParameters.enumeration("context", context, CheckInContext.class), Cursor.decode(cursor),
                QueryParameters.limit(limit));
    }

    /**
     * The same list as one CSV file: every check-in that matches from, to and context, newest first. An export
     * is never paged, so cursor and limit do not apply (and are ignored if sent).
     */
    @GET
    @Produces(Csv.MEDIA_TYPE)
    public Response exportCheckIns(@RestPath UUID patientId, @RestQuery String from, @RestQuery String to,
            @RestQuery String context) {
        Instant start = QueryParameters.instant("from", from);
        Instant end = QueryParameters.instant("to", to);
        QueryParameters.requireOrdered(start, end);
        return CsvExport.response(service.export(patientId, start, end,
                QueryParameters.enumeration("context", context, CheckInContext.class)), "check-ins-" + patientId);
    }

    @GET
    @Path("/{checkInId}")
    public CheckInResponse getCheckIn(@RestPath UUID patientId, @RestPath UUID checkInId) {
        return service.get(patientId, checkInId);
    }
}
