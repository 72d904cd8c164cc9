package com.infusionoutcomes.alert;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.infusionoutcomes.patient.PatientService;
import com.infusionoutcomes.trend.Category;
import com.infusionoutcomes.trend.Domain;
import com.infusionoutcomes.trend.Granularity;
import com.infusionoutcomes.trend.Trend;
import com.infusionoutcomes.trend.TrendInput;
import com.infusionoutcomes.trend.TrendQuery;
import com.infusionoutcomes.trend.TrendRepository;

/**
 * The WORSENING rule: after a check-in, the patient's pain and mood trends are computed exactly as the trend
 * endpoint computes them (same reads, same function), so an alert and the chart a clinician opens from it agree.
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
        TrendInput input = TrendInput.of(patients.requireUnscoped(patientId), trends.checkIns(patientId, now),
                trends.completedSessions(patientId, now));
        List<String> worsened = new ArrayList<>();
        for (Domain domain : WATCHED) {
            Trend trend = input.trend(new TrendQuery(domain, null, now, now, Granularity.DAY));
            if (trend.category() == Category.WORSENED) {
                worsened.add(domain.path() + " " + trend.baseline().value().toPlainString() + " -> "
                        + trend.current().value().toPlainString() + " (" + trend.improvementPercent().toPlainString()
                        + " %)");
            }
        }
        if (!worsened.isEmpty()) {
            alerts.raise(patientId, AlertRule.WORSENING, "CheckIn", checkInId,
                    "Worse than baseline: " + String.join(", ", worsened));
        }
    }
}
