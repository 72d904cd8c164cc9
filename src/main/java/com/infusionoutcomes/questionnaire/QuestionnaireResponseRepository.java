package com.infusionoutcomes.questionnaire;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.jpa.AvailableHints;

import com.infusionoutcomes.paging.Cursor;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;

@ApplicationScoped
public class QuestionnaireResponseRepository implements PanacheRepositoryBase<QuestionnaireResponse, UUID> {

    /** Every response of the patient, oldest first, read-only, for the FHIR export. */
    public List<QuestionnaireResponse> allForExport(UUID patientId) {
        return find("patientId = ?1 order by recordedAt, id", patientId)
                .withHint(AvailableHints.HINT_READ_ONLY, true).list();
    }

    /** Newest first; {@code from} and {@code to} are inclusive. */
    public List<QuestionnaireResponse> listForPatient(UUID patientId, Instrument instrument, Instant from,
            Instant to, Cursor after, int rows) {
        StringBuilder where = new StringBuilder("patientId = :patient");
        Parameters params = Parameters.with("patient", patientId);
        if (instrument != null) {
            where.append(" and instrument = :instrument");
            params.and("instrument", instrument);
        }
        if (from != null) {
            where.append(" and recordedAt >= :from");
            params.and("from", from);
        }
        if (to != null) {
            where.append(" and recordedAt <= :to");
            params.and("to", to);
        }
        if (after != null) {
            where.append(" and (recordedAt < :at or (recordedAt = :at and id < :id))");
            params.and("at", after.instantKey()).and("id", after.id());
        }
        return find(where + " order by patientId desc, recordedAt desc, id desc", params).page(0, rows).list();
    }
}
