package com.infusionoutcomes.checkin;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.jpa.AvailableHints;

import com.infusionoutcomes.system.Cursor;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;

@ApplicationScoped
public class CheckInRepository implements PanacheRepositoryBase<CheckIn, UUID> {

    /** Every check-in of the patient, oldest first, read-only, for an export. */
    public List<CheckIn> allForPatient(UUID patientId) {
        return find("patientId = ?1 order by recordedAt, id", patientId)
                .withHint(AvailableHints.HINT_READ_ONLY, true).list();
    }

    /** Newest first; {@code from} and {@code to} are inclusive. */
    public List<CheckIn> listForPatient(UUID patientId, Instant from, Instant to, CheckInContext context,
            Cursor after, int rows) {
        StringBuilder where = new StringBuilder("patientId = :patient");
        Parameters params = Parameters.with("patient", patientId);
        if (from != null) {
            where.append(" and recordedAt >= :from");
            params.and("from", from);
        }
        if (to != null) {
            where.append(" and recordedAt <= :to");
            params.and("to", to);
        }
        if (context != null) {
            where.append(" and context = :context");
            params.and("context", context);
        }
        if (after != null) {
            where.append(" and (recordedAt < :at or (recordedAt = :at and id < :id))");
            params.and("at", after.instantKey()).and("id", after.id());
        }
        // patientId is constant here; naming it lets H2, which reads indexes forwards only, walk the descending
        // index and stop after one page instead of sorting all of the patient's check-ins.
        return find(where + " order by patientId desc, recordedAt desc, id desc", params).page(0, rows).list();
    }
}
