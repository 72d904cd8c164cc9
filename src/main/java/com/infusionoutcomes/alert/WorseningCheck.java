package com.infusionoutcomes.alert;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.infusionoutcomes.patient.Patient;
import com.infusionoutcomes.patient.PatientService;
import com.infusionoutcomes.trend.Category;
import com.infusionoutcomes.trend.CategoryWindow;
import com.infusionoutcomes.trend.CompletedSession;
import com.infusionoutcomes.trend.Domain;
import com.infusionoutcomes.trend.TrendHeadline;
import com.infusionoutcomes.trend.TrendInput;
import com.infusionoutcomes.trend.TrendRepository;

/**
 * The WORSENING rule: after a check-in, the patient's pain and mood trends are computed exactly as the trend
 * endpoint computes them (same function, over the check-ins that decide the category), so an alert and the chart a
 * clinician opens from it agree.
 */
@ApplicationScoped
public class WorseningCheck {

    private static final List<Domain> WATCHED = List.of(Domain.PAIN, Domain.MOOD);

    private final TrendRepository trends;
    private final PatientService patients;
    private final AlertService alerts;

    WorseningCheck(TrendRepository trends, PatientService patients, AlertService alerts) {
        this.trends = trends;
        this.patients = patients;
        this.alerts = alerts;
    }

    /** Whether a check-in with these scores can change a watched category: only longitudinal pain or mood can. */
    public static boolean mayChange(boolean longitudinal, Integer pain, Integer mood) {
        return longitudinal && (pain != null || mood != null);
    }

    /**
     * Raises (or counts a repeat on) the patient's WORSENING alert when pain or mood is WORSENED now. Call it
     * after the check-in is flushed, in its transaction, having taken {@link AlertService#lockPatient} first.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void evaluate(UUID patientId, UUID checkInId) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        TrendInput input = inputDecidingCategories(patients.requireUnscoped(patientId), now);
        List<String> worsened = new ArrayList<>();
        for (Domain domain : WATCHED) {
            TrendHeadline trend = input.headline(domain, now);
            if (trend.category() == Category.WORSENED) {
                worsened.add(domain.path() + " " + trend.baseline().toPlainString() + " -> "
                        + trend.current().toPlainString() + " (" + trend.improvementPercent().toPlainString() + " %)");
            }
        }
        if (!worsened.isEmpty()) {
            alerts.raise(patientId, AlertRule.WORSENING, "CheckIn", checkInId,
                    "Worse than baseline: " + String.join(", ", worsened));
        }
    }

    /**
     * The check-ins that decide the watched categories: a few weeks of the course when they suffice (the usual
     * case once a course has started and the patient reports), else the whole course. Either way the categories
     * are those the trend endpoint reports.
     */
    private TrendInput inputDecidingCategories(Patient patient, Instant now) {
        List<CompletedSession> sessions = trends.completedSessions(patient.id, now);
        if (!sessions.isEmpty()) {
            CategoryWindow window = new CategoryWindow(sessions.get(0), now);
            TrendInput recent = TrendInput.of(patient, trends.checkInsDecidingCategory(patient.id, window), sessions);
            if (WATCHED.stream().allMatch(domain -> recent.decidesCategory(domain, window))) {
                return recent;
            }
        }
        return TrendInput.of(patient, trends.checkIns(patient.id, now), sessions);
    }
}
