package com.infusionoutcomes.outcome;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.infusionoutcomes.audit.AuditAction;
import com.infusionoutcomes.audit.AuditLog;
import com.infusionoutcomes.caller.Caller;
import com.infusionoutcomes.paging.QueryParameters;
import com.infusionoutcomes.patient.Patient;
import com.infusionoutcomes.patient.PatientRepository;
import com.infusionoutcomes.trend.CheckInRow;
import com.infusionoutcomes.trend.CompletedSession;
import com.infusionoutcomes.trend.Domain;
import com.infusionoutcomes.trend.Granularity;
import com.infusionoutcomes.trend.TrendInput;
import com.infusionoutcomes.trend.TrendQuery;
import com.infusionoutcomes.trend.TrendRepository;

/**
 * The calling clinician's caseload outcomes. Four reads whatever the caseload's size (its patients, their
 * check-ins, completed sessions and PHQ-9 scores up to {@code to}), then each patient's trend through
 * {@link TrendInput#trend}, exactly as the trend endpoint and the panel compute it, and the outcomes over those.
 */
@ApplicationScoped
@Transactional
public class OutcomeService {

    static final String RESOURCE = "Outcomes";

    private final PatientRepository patients;
    private final TrendRepository trends;
    private final OutcomeRepository outcomes;
    private final Caller caller;
    private final AuditLog audit;

    OutcomeService(PatientRepository patients, TrendRepository trends, OutcomeRepository outcomes, Caller caller,
            AuditLog audit) {
        this.patients = patients;
        this.trends = trends;
        this.outcomes = outcomes;
        this.caller = caller;
        this.audit = audit;
    }

    /**
     * @param to null for now
     * @param action LIST when shown (JSON, the page), EXPORT when it leaves as a file
     */
    public ClinicOutcomes outcomes(Domain domain, Instant from, Instant to, AuditAction action) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Instant end = to == null ? now : to;
        QueryParameters.requireOrdered(from, end);
        UUID clinician = caller.actor().userId();
        TrendQuery query = new TrendQuery(domain, null, end, now, Granularity.DAY);
        List<Patient> caseload = patients.caseload(clinician);
        Map<UUID, List<CheckInRow>> checkIns = trends.checkInsOfCaseload(clinician, end);
        Map<UUID, List<CompletedSession>> sessions = trends.completedSessionsOfCaseload(clinician, end);
        Map<UUID, List<BigDecimal>> phq9 = outcomes.phq9OfCaseload(clinician, end);
        List<Outcomes.PatientCourse> courses = caseload.stream()
                // No scheduled sessions: they only decide whether a booster is covered, which no outcome reads.
                .map(p -> new Outcomes.PatientCourse(new TrendInput(TrendRepository.subject(p),
                        checkIns.getOrDefault(p.id, List.of()),
                        sessions.getOrDefault(p.id, List.of()), List.of()).trend(query), phq9.getOrDefault(p.id, List.of())))
                .toList();
        audit.success(action, RESOURCE, domain.path(), null);
        return Outcomes.compute(domain, from, end, courses);
    }
}
