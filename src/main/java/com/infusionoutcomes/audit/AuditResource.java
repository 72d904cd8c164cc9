package com.infusionoutcomes.audit;

import java.time.Instant;

import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestQuery;

import com.infusionoutcomes.access.Role;
import com.infusionoutcomes.system.Cursor;
import com.infusionoutcomes.system.Page;
import com.infusionoutcomes.system.QueryParameters;

@Path("/api/v1/audit-events")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    private final AuditRepository events;

    AuditResource(AuditRepository events) {
        this.events = events;
    }

    @GET
    @RolesAllowed(Role.ADMIN_NAME)
    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<AuditEventResponse> listAuditEvents(@RestQuery String patientId, @RestQuery String actorId,
            @RestQuery String from, @RestQuery String to, @RestQuery String cursor, @RestQuery String limit) {
        Instant start = QueryParameters.instant("from", from);
        Instant end = QueryParameters.instant("to", to);
        QueryParameters.requireOrdered(start, end);
        int rows = QueryParameters.limit(limit);
        return Page.of(events.search(QueryParameters.uuid("patientId", patientId),
                QueryParameters.uuid("actorId", actorId), start, end, Cursor.decode(cursor), rows + 1), rows,
                e -> Cursor.after(e.at, e.id), AuditEventResponse::from);
    }
}
