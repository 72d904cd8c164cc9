package com.infusionoutcomes.audit;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.infusionoutcomes.system.Cursor;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;

@ApplicationScoped
public class AuditRepository implements PanacheRepositoryBase<AuditEvent, UUID> {

    /** Newest first; every filter is optional and inclusive. */
    public List<AuditEvent> search(UUID patientId, UUID actorId, Instant from, Instant to, Cursor after, int rows) {
        StringBuilder where = new StringBuilder("1 = 1");
        Parameters params = new Parameters();
        if (patientId != null) {
            where.append(" and patientId = :patient");
            params.and("patient", patientId);
        }
        if (actorId != null) {
            where.append(" and actorId = :actor");
            params.and("actor", actorId);
        }
        if (from != null) {
            where.append(" and at >= :from");
            params.and("from", from);
        }
        if (to != null) {
            where.append(" and at <= :to");
            params.and("to", to);
        }
        if (after != null) {
            where.append(" and (at < :at or (at = :at and id < :id))");
            params.and("at", after.instantKey()).and("id", after.id());
        }
        // With a patient filter, naming patientId in the order lets H2 walk audit_event_patient_idx and stop
        // after a page rather than sort every event of that patient.
        String order = patientId != null ? " order by patientId desc, at desc, id desc" : " order by at desc, id desc";
        return find(where + order, params).page(0, rows).list();
    }
}
