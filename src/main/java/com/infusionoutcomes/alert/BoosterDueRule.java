package com.infusionoutcomes.alert;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.infusionoutcomes.checkin.CheckInCorrected;
import com.infusionoutcomes.checkin.CheckInsRecorded;
import com.infusionoutcomes.patient.PatientService;
import com.infusionoutcomes.patient.PatientTimezoneChanged;
import com.infusionoutcomes.session.SessionChanged;
import com.infusionoutcomes.summary.OutcomeSummaries;
import com.infusionoutcomes.summary.OutcomeSummary;
import com.infusionoutcomes.trend.BoosterStatus;
import com.infusionoutcomes.trend.Domain;

/**
 * BOOSTER_DUE: the pain booster forecast is due within {@code infusion.alerts.booster-due.within-days} days of the
 * patient's local today, or past, and no scheduled infusion covers it. Decided on the patient's outcome summary
 * after each write that may move the forecast, and by {@link BoosterDueJob} as the days pass; raised once per
 * latest infusion.
 */
@ApplicationScoped
public class BoosterDueRule {

    /** The booster is timed by pain, the symptom the infusions treat. */
    static final Domain DOMAIN = Domain.PAIN;

    private final OutcomeSummaries summaries;
    private final PatientService patients;
    private final AlertService alerts;
    private final int withinDays;

    BoosterDueRule(OutcomeSummaries summaries, PatientService patients, AlertService alerts,
            @ConfigProperty(name = "infusion.alerts.booster-due.within-days", defaultValue = "3") int withinDays) {
        this.summaries = summaries;
        this.patients = patients;
        this.alerts = alerts;
        this.withinDays = withinDays;
    }

    void checkInsRecorded(@Observes @Priority(RuleOrder.AFTER_FIGURES) CheckInsRecorded event) {
        if (event.painOrMoodOverTime()) {
            decide(event.patientId(), now());
        }
    }

    void checkInCorrected(@Observes @Priority(RuleOrder.AFTER_FIGURES) CheckInCorrected event) {
        if (event.painOrMoodOverTime()) {
            decide(event.patientId(), now());
        }
    }

    /** A completed infusion moves the forecast; a scheduled one covers it. */
    void sessionChanged(@Observes @Priority(RuleOrder.AFTER_FIGURES) SessionChanged event) {
        decide(event.patientId(), now());
    }

    /** The due date is a date of the patient's own calendar. */
    void timezoneChanged(@Observes @Priority(RuleOrder.AFTER_FIGURES) PatientTimezoneChanged event) {
        decide(event.patientId(), now());
    }

    /**
     * Decides the rule as of {@code now} on the stored summary.
     *
     * @return whether an alert was raised (or counted for a new latest infusion)
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean decide(UUID patientId, Instant now) {
        alerts.lockPatient(patientId);
        OutcomeSummary s = summaries.require(patientId, DOMAIN);
        LocalDate today = LocalDate.ofInstant(now, ZoneId.of(patients.requireUnscoped(patientId).timezone));
        boolean due = s.boosterDueOn != null && !s.boosterDueOn.isAfter(today.plusDays(withinDays));
        if (!due || Boolean.TRUE.equals(s.boosterCovered)) {
            alerts.conditionCleared(patientId, AlertRule.BOOSTER_DUE);
            return false;
        }
        return alerts.raiseOncePer(patientId, AlertRule.BOOSTER_DUE, "InfusionSession", s.latestSessionId,
                detail(s));
    }

    private static String detail(OutcomeSummary s) {
        String due = "Booster due " + s.boosterDueOn + " (pain): ";
        String days = OutcomeSummary.shown(s.boosterExpectedReliefDays).toPlainString();
        if (s.boosterStatus == BoosterStatus.RELIEF_ENDED) {
            return due + "relief after infusion #" + s.completedSessions + " ended after " + days
                    + " days; no infusion scheduled by then";
        }
        String basis = Arrays.stream(s.boosterBasedOn.split(",")).map(n -> "#" + n).collect(Collectors.joining(", "));
        return due + "relief expected to last " + days + " days after infusion #" + s.completedSessions
                + " (median of " + basis + "); no infusion scheduled by then";
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
