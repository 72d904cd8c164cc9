package com.infusionoutcomes.session;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.jpa.AvailableHints;

import com.infusionoutcomes.paging.Cursor;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;

@ApplicationScoped
public class SessionRepository implements PanacheRepositoryBase<InfusionSession, UUID> {

    /** The patient's completed sessions in treatment order: their position is the session number. */
    public List<UUID> completedInOrder(UUID patientId) {
        return find("select s.id from InfusionSession s where s.patientId = ?1 and s.status = ?2 order by s.startedAt, s.id",
                patientId, SessionStatus.COMPLETED).project(UUID.class).list();
    }

    /**
     * All of a patient's sessions in the order of {@link #listForPatient}, with both collections loaded: two
     * queries whatever the number of sessions (one join per collection, as joining both at once would multiply
     * their rows), rather than two more per session.
     */
    public List<InfusionSession> allForPatient(UUID patientId) {
        // No "distinct": Hibernate returns each session once from a fetch join anyway, and PostgreSQL refuses a
        // distinct select ordered by an expression it does not select.
        find("select s from InfusionSession s left join fetch s.sideEffects where s.patientId = ?1", patientId).list();
        return find("select s from InfusionSession s left join fetch s.vitals where s.patientId = ?1"
                + " order by coalesce(s.startedAt, s.scheduledAt), s.id", patientId).list();
    }

    /**
     * Every session of the patient in treatment order (as {@link #listForPatient}), read-only, for the FHIR export:
     * one query, as the export leaves vitals and side effects unread.
     */
    public List<InfusionSession> allForExport(UUID patientId) {
        return find("patientId = ?1 order by coalesce(startedAt, scheduledAt), id", patientId)
                .withHint(AvailableHints.HINT_READ_ONLY, true).list();
    }

    /** Chronological: by startedAt, or scheduledAt for a session that has not started. */
    public List<InfusionSession> listForPatient(UUID patientId, Cursor after, int rows) {
        String when = "coalesce(startedAt, scheduledAt)";
        StringBuilder where = new StringBuilder("patientId = :patient");
        Parameters params = Parameters.with("patient", patientId);
        if (after != null) {
            where.append(" and (" + when + " > :at or (" + when + " = :at and id > :id))");
            params.and("at", after.instantKey()).and("id", after.id());
        }
        return find(where + " order by " + when + ", id", params).page(0, rows).list();
    }
}
