package com.infusionoutcomes.alert;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;

import com.infusionoutcomes.checkin.CheckInCorrected;
import com.infusionoutcomes.checkin.CheckInsRecorded;
import com.infusionoutcomes.patient.PatientTimezoneChanged;
import com.infusionoutcomes.session.SessionChanged;
import com.infusionoutcomes.summary.OutcomeSummaries;
import com.infusionoutcomes.summary.OutcomeSummary;
import com.infusionoutcomes.trend.Category;
import com.infusionoutcomes.trend.Domain;

/**
 * WORSENING: the pain or mood category is WORSENED. Decided on the patient's outcome summary as the write left it
 * (stored just before by {@link OutcomeSummaries}, equal to what the trend endpoint's own function gives),
 * so the alert and the chart a clinician opens from it agree, whatever order a history arrived in. When neither is
 * WORSENED any more, the unresolved alert gets {@code conditionClearedAt} and stays for a clinician to close.
 */
@ApplicationScoped
public class WorseningRule {

    private static final String CHECK_IN = "CheckIn";
    private static final List<Domain> WATCHED = List.of(Domain.PAIN, Domain.MOOD);

    private final OutcomeSummaries summaries;
    private final AlertService alerts;

    WorseningRule(OutcomeSummaries summaries, AlertService alerts) {
        this.summaries = summaries;
        this.alerts = alerts;
    }

    void checkInsRecorded(@Observes @Priority(RuleOrder.AFTER_FIGURES) CheckInsRecorded event) {
        if (event.painOrMoodOverTime()) {
            decide(event.patientId(), CHECK_IN, event.latestCheckInId());
        }
    }

    void checkInCorrected(@Observes @Priority(RuleOrder.AFTER_FIGURES) CheckInCorrected event) {
        if (event.painOrMoodOverTime()) {
            decide(event.patientId(), CHECK_IN, event.checkInId());
        }
    }

    /** A completed infusion moves the baseline window. */
    void sessionChanged(@Observes @Priority(RuleOrder.AFTER_FIGURES) SessionChanged event) {
        decide(event.patientId(), "InfusionSession", event.sessionId());
    }

    void timezoneChanged(@Observes @Priority(RuleOrder.AFTER_FIGURES) PatientTimezoneChanged event) {
        decide(event.patientId(), "Patient", event.patientId());
    }

    /** @param sourceType what was written (the alert names it) */
    @Transactional(Transactional.TxType.MANDATORY)
    void decide(UUID patientId, String sourceType, UUID sourceId) {
        alerts.lockPatient(patientId);
        List<String> worsened = new ArrayList<>();
        for (Domain domain : WATCHED) {
            OutcomeSummary s = summaries.require(patientId, domain);
            if (s.category == Category.WORSENED) {
                worsened.add(domain.path() + " " + OutcomeSummary.shown(s.baseline).toPlainString() + " -> "
                        + OutcomeSummary.shown(s.current).toPlainString() + " ("
                        + OutcomeSummary.shown(s.improvementPercent).toPlainString() + " %)");
            }
        }
        if (worsened.isEmpty()) {
            alerts.conditionCleared(patientId, AlertRule.WORSENING);
        } else {
            alerts.raise(patientId, AlertRule.WORSENING, sourceType, sourceId,
                    "Worse than baseline: " + String.join(", ", worsened));
        }
    }
}
