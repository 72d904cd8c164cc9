package com.infusionoutcomes.patient;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.infusionoutcomes.system.Cursor;

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

    /** Alphabetical by name, then id; {@code q} matches part of the name or the clinic's MRN, ignoring case. */
    public List<Patient> search(String q, Cursor after, int rows) {
        StringBuilder where = new StringBuilder("1 = 1");
        Parameters params = new Parameters();
        if (q != null && !q.isBlank()) {
            where.append(" and (lower(displayName) like :q escape '\\' or lower(externalId) like :q escape '\\')");
            params.and("q", "%" + q.trim().toLowerCase().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
        if (after != null) {
            where.append(" and (displayName > :name or (displayName = :name and id > :id))");
            params.and("name", after.key()).and("id", after.id());
        }
        return find(where + " order by displayName, id", params).page(0, rows).list();
    }

    public Optional<Patient> findByExternalId(String externalId) {
        return find("externalId", externalId).firstResultOptional();
    }
}
