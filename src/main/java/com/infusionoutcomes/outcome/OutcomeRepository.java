package com.infusionoutcomes.outcome;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import com.infusionoutcomes.questionnaire.Instrument;

/** The one read the outcomes need beyond the trends' caseload reads: every PHQ-9 score of the caseload. */
@ApplicationScoped
class OutcomeRepository {

    private final EntityManager em;

    OutcomeRepository(EntityManager em) {
        this.em = em;
    }

    /**
     * The PHQ-9 scores recorded up to {@code to} of every patient on the clinician's care team, by patient, oldest
     * first (ties by id, as the PHQ-9 trend orders them). From the care-team entries, as the caseload reads of
     * trends, so only the caseload's rows are read.
     */
    Map<UUID, List<BigDecimal>> phq9OfCaseload(UUID clinicianId, Instant to) {
        Map<UUID, List<BigDecimal>> byPatient = new HashMap<>();
        for (Object[] r : em.createQuery("select q.patientId, q.score from CareTeamMember m"
                + " join QuestionnaireResponse q on q.patientId = m.patientId where m.userId = :clinician"
                + " and q.instrument = :phq9 and q.recordedAt <= :to order by q.patientId, q.recordedAt, q.id",
                Object[].class).setParameter("clinician", clinicianId).setParameter("phq9", Instrument.PHQ9)
                .setParameter("to", to).getResultList()) {
            byPatient.computeIfAbsent((UUID) r[0], p -> new ArrayList<>()).add((BigDecimal) r[1]);
        }
        return byPatient;
    }
}
