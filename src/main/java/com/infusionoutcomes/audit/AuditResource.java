package com.infusionoutcomes.audit;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestQuery;

import com.infusionoutcomes.caller.Role;
import com.infusionoutcomes.paging.Cursor;
import com.infusionoutcomes.paging.Page;
import com.infusionoutcomes.paging.QueryParameters;

@Path("/api/v1/audit-events")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    private final AuditRepository events;
    private final AuditLog audit;

    AuditResource(AuditRepository events, AuditLog audit) {
        this.events = events;
        this.audit = audit;
    }

    /** Reading the trail is itself an event: of the patient whose trail was asked for, if one was. */
    @GET
    @RolesAllowed(Role.ADMIN_NAME)
    @Transactional
    public Page<AuditEventResponse> listAuditEvents(@RestQuery String patientId, @RestQuery String actorId,
            @RestQuery String from, @RestQuery String to, @RestQuery String cursor, @RestQuery String limit) {
        Instant start = QueryParameters.instant("from", from);
        Instant end = QueryParameters.instant("to", to);
        QueryParameters.requireOrdered(start, end);
        int rows = QueryParameters.limit(limit);
        UUID patient = QueryParameters.uuid("patientId", patientId);
        List<AuditEvent> found = events.search(patient, QueryParameters.uuid("actorId", actorId), start, end,
                Cursor.decode(cursor), rows + 1);
        Map<UUID, List<UUID>> patients = events.patientsOf(found);
        audit.success(AuditAction.LIST, "AuditEvent", null, patient);
        return Page.of(found, rows, e -> Cursor.after(e.at, e.id),
                e -> AuditEventResponse.from(e, patients.getOrDefault(e.id, List.of())));
    }
}
