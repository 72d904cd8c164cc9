package com.infusionoutcomes.patient;

import com.infusionoutcomes.caller.Actor;
import com.infusionoutcomes.caller.Role;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.jpa.AvailableHints;

import com.infusionoutcomes.paging.Cursor;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;

@ApplicationScoped
public class PatientRepository implements PanacheRepositoryBase<Patient, UUID> {

    public boolean externalIdTaken(String externalId, UUID except) {
        return count("externalId = ?1 and id <> ?2", externalId, except) > 0;
    }

    public boolean exists(UUID id) {
        return count("id", id) > 0;
    }

    /**
     * The patient, only if the actor may see it: the caller is part of the query, so no code path can forget the
     * check. A patient sees their own record, a clinician their care team's, an admin every record.
     */
    public Optional<Patient> findVisible(UUID id, Actor actor) {
        if (actor.isSystem() || actor.is(Role.ADMIN)) {
            return findByIdOptional(id);
        }
        if (actor.is(Role.PATIENT)) {
            return find("from Patient p where p.id = ?1 and p.id = ?2", id, actor.patientId()).firstResultOptional();
        }
        return find("from Patient p where p.id = ?1 and " + ON_CARE_TEAM.replace(":caller", "?2"), id, actor.userId())
                .firstResultOptional();
    }

    /** Whether {@link #findVisible} would find the patient, without loading the row: for reads that only check. */
    public boolean isVisible(UUID id, Actor actor) {
        if (actor.isSystem() || actor.is(Role.ADMIN)) {
            return exists(id);
        }
        if (actor.is(Role.PATIENT)) {
            return id.equals(actor.patientId()) && exists(id);
        }
        return !getEntityManager().createQuery("select p.id from Patient p where p.id = :id and " + ON_CARE_TEAM,
                UUID.class).setParameter("id", id).setParameter("caller", actor.userId()).setMaxResults(1)
                .getResultList().isEmpty();
    }

    private static final String ON_CARE_TEAM =
            "exists (select 1 from CareTeamMember m where m.patientId = p.id and m.userId = :caller)";

    /** Alphabetical by name, then id; {@code q} matches part of the name or the clinic's MRN, ignoring case. */
    public List<Patient> search(String q, Actor actor, Cursor after, int rows) {
        StringBuilder where = new StringBuilder("1 = 1");
        Parameters params = new Parameters();
        if (actor.is(Role.CLINICIAN)) {
            where.append(" and " + ON_CARE_TEAM);
            params.and("caller", actor.userId());
        } else if (!actor.isSystem() && !actor.is(Role.ADMIN)) {
            return List.of();
        }
        if (q != null && !q.isBlank()) {
            where.append(" and (lower(p.displayName) like :q escape '\\' or lower(p.externalId) like :q escape '\\')");
            params.and("q", "%" + q.trim().toLowerCase().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
        if (after != null) {
            where.append(" and (p.displayName > :name or (p.displayName = :name and p.id > :id))");
            params.and("name", after.key()).and("id", after.id());
        }
        return find("from Patient p where " + where + " order by p.displayName, p.id", params).page(0, rows).list();
    }

    /**
     * Every patient on the clinician's care team, read-only: a panel reads the whole caseload, and nothing read
     * here may be written back by accident.
     */
    public List<Patient> caseload(UUID clinicianId) {
        // From the care-team entries, not "exists" per patient: on H2 that visited every patient of the clinic.
        return find("select p from CareTeamMember m join Patient p on p.id = m.patientId where m.userId = ?1",
                clinicianId).withHint(AvailableHints.HINT_READ_ONLY, true).list();
    }

    public Optional<Patient> findByExternalId(String externalId) {
        return find("externalId", externalId).firstResultOptional();
    }
}
