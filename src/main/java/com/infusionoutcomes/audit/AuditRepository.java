package com.infusionoutcomes.audit;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import com.infusionoutcomes.paging.Cursor;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;

@ApplicationScoped
public class AuditRepository implements PanacheRepositoryBase<AuditEvent, UUID> {

    /**
     * Newest first; every filter is optional and inclusive. With a patient, the events that concern that patient:
     * of their record alone, or of a list, panel or export that showed them among others.
     */
    public List<AuditEvent> search(UUID patientId, UUID actorId, Instant from, Instant to, Cursor after, int rows) {
        String e = patientId != null ? "e." : "";
        StringBuilder where = new StringBuilder("1 = 1");
        Parameters params = new Parameters();
        if (patientId != null) {
            where.append(" and p.patientId = :patient");
            params.and("patient", patientId);
        }
        if (actorId != null) {
            where.append(" and ").append(e).append("actorId = :actor");
            params.and("actor", actorId);
        }
        String at = patientId != null ? "p.at" : "at";
        String id = patientId != null ? "p.eventId" : "id";
        if (from != null) {
            where.append(" and ").append(at).append(" >= :from");
            params.and("from", from);
        }
        if (to != null) {
            where.append(" and ").append(at).append(" <= :to");
            params.and("to", to);
        }
        if (after != null) {
            where.append(" and (%1$s < :at or (%1$s = :at and %2$s < :id))".formatted(at, id));
            params.and("at", after.instantKey()).and("id", after.id());
        }
        if (patientId == null) {
            return find(where + " order by at desc, id desc", params).page(0, rows).list();
        }
        // Walks audit_event_patient's key (patient, time, event) backwards and stops after a page.
        var query = getEntityManager().createQuery("select e from AuditEventPatient p"
                + " join AuditEvent e on e.id = p.eventId where " + where
                + " order by p.patientId desc, p.at desc, p.eventId desc", AuditEvent.class).setMaxResults(rows);
        params.map().forEach(query::setParameter);
        return query.getResultList();
    }

    /** The patients each of these events concerns, in no particular order. */
    public Map<UUID, List<UUID>> patientsOf(List<AuditEvent> page) {
        if (page.isEmpty()) {
            return Map.of();
        }
        return getEntityManager()
                .createQuery("select p from AuditEventPatient p where p.eventId in :ids", AuditEventPatient.class)
                .setParameter("ids", page.stream().map(ev -> ev.id).toList()).getResultList().stream()
                .collect(Collectors.groupingBy(p -> p.eventId,
                        Collectors.mapping(p -> p.patientId, Collectors.toList())));
    }
}
