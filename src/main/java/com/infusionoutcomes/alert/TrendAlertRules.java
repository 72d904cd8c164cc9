package com.infusionoutcomes.alert;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.infusionoutcomes.checkin.CheckInCorrected;
import com.infusionoutcomes.checkin.CheckInsRecorded;
import com.infusionoutcomes.patient.Patient;
import com.infusionoutcomes.patient.PatientService;
import com.infusionoutcomes.patient.PatientTimezoneChanged;
import com.infusionoutcomes.session.SessionChanged;
import com.infusionoutcomes.trend.BoosterForecast;
import com.infusionoutcomes.trend.BoosterStatus;
import com.infusionoutcomes.trend.Category;
import com.infusionoutcomes.trend.CategoryWindow;
import com.infusionoutcomes.trend.CompletedSession;
import com.infusionoutcomes.trend.Domain;
import com.infusionoutcomes.trend.TrendHeadline;
import com.infusionoutcomes.trend.TrendInput;
import com.infusionoutcomes.trend.TrendRepository;

/**
 * The rules that read a trend: WORSENING (the pain or mood category is WORSENED) and BOOSTER_DUE (the pain booster
 * forecast is due soon and nothing covers it). Both are decided on the patient's state after the write, the whole
 * course as it stands, computed exactly as the trend endpoint computes it (same function), so an alert and the
 * chart a clinician opens from it agree, whatever order a history arrived in. A rule whose condition no longer
 * holds marks its unresolved alert {@code conditionClearedAt} and leaves it for a clinician to close.
 */
@ApplicationScoped
public class TrendAlertRules {

    /** Rules observe a write after the observers that update what they read (CDI runs lower priorities first). */
    public static final int AFTER_FIGURES = jakarta.interceptor.Interceptor.Priority.APPLICATION + 500;
    private static final String CHECK_IN = "CheckIn";
    private static final List<Domain> WATCHED = List.of(Domain.PAIN, Domain.MOOD);
    /** The booster is timed by pain, the symptom the infusions treat. */
    static final Domain BOOSTER_DOMAIN = Domain.PAIN;

    private final TrendRepository trends;
    private final PatientService patients;
    private final AlertService alerts;
    private final int boosterWithinDays;

    TrendAlertRules(TrendRepository trends, PatientService patients, AlertService alerts,
            @ConfigProperty(name = "infusion.alerts.booster-due.within-days", defaultValue = "3") int boosterWithinDays) {
        this.trends = trends;
        this.patients = patients;
        this.alerts = alerts;
        this.boosterWithinDays = boosterWithinDays;
    }

    /**
     * The writes that may move a watched trend or the booster forecast. Observers of the same transaction: the
     * priority runs them after the observers that keep the patient's stored figures (lower priorities first).
     */
    void checkInsRecorded(@Observes @Priority(AFTER_FIGURES) CheckInsRecorded event) {
        if (event.painOrMoodOverTime()) {
            evaluate(event.patientId(), CHECK_IN, event.latestCheckInId());
        }
    }

    void checkInCorrected(@Observes @Priority(AFTER_FIGURES) CheckInCorrected event) {
        if (event.painOrMoodOverTime()) {
            evaluate(event.patientId(), CHECK_IN, event.checkInId());
        }
    }

    /** A completed infusion moves baselines and the forecast; a scheduled one covers it. */
    void sessionChanged(@Observes @Priority(AFTER_FIGURES) SessionChanged event) {
        evaluate(event.patientId(), "InfusionSession", event.sessionId());
    }

    /** The local days check-ins fall on, and the date a booster is due, follow the patient's timezone. */
    void timezoneChanged(@Observes @Priority(AFTER_FIGURES) PatientTimezoneChanged event) {
        evaluate(event.patientId(), "Patient", event.patientId());
    }

    /**
     * Decides both rules on the patient's state after a write, in its transaction, after it is flushed.
     *
     * @param sourceType what was written (the WORSENING alert names it)
     */
    @Transactional(Transactional.TxType.MANDATORY)
    void evaluate(UUID patientId, String sourceType, UUID sourceId) {
        alerts.lockPatient(patientId);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Patient patient = patients.requireUnscoped(patientId);
        TrendInput input = stateAfterTheWrite(patient, now);
        worsening(patientId, input, now, sourceType, sourceId);
        boosterDue(patient, input, now);
    }

    /**
     * BOOSTER_DUE alone as of {@code now}, for the scheduled scan: the days passing move nothing else.
     *
     * @return whether an alert was raised (or counted for a new latest infusion)
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean boosterDue(UUID patientId, Instant now) {
        alerts.lockPatient(patientId);
        Patient patient = patients.requireUnscoped(patientId);
        return boosterDue(patient, stateAfterTheWrite(patient, now), now);
    }

    private void worsening(UUID patientId, TrendInput input, Instant now, String sourceType, UUID sourceId) {
        List<String> worsened = new ArrayList<>();
        for (Domain domain : WATCHED) {
            TrendHeadline trend = input.headline(domain, now);
            if (trend.category() == Category.WORSENED) {
                worsened.add(domain.path() + " " + trend.baseline().toPlainString() + " -> "
                        + trend.current().toPlainString() + " (" + trend.improvementPercent().toPlainString() + " %)");
            }
        }
        if (worsened.isEmpty()) {
            alerts.conditionCleared(patientId, AlertRule.WORSENING);
        } else {
            alerts.raise(patientId, AlertRule.WORSENING, sourceType, sourceId,
                    "Worse than baseline: " + String.join(", ", worsened));
        }
    }

    private boolean boosterDue(Patient patient, TrendInput input, Instant now) {
        BoosterForecast forecast = input.boosterForecast(BOOSTER_DOMAIN, now);
        LocalDate today = LocalDate.ofInstant(now, ZoneId.of(patient.timezone));
        if (!forecast.dueWithin(today, boosterWithinDays) || Boolean.TRUE.equals(forecast.covered())) {
            alerts.conditionCleared(patient.id, AlertRule.BOOSTER_DUE);
            return false;
        }
        List<CompletedSession> sessions = input.sessions();
        CompletedSession latest = sessions.get(sessions.size() - 1);
        return alerts.raiseOncePer(patient.id, AlertRule.BOOSTER_DUE, "InfusionSession", latest.sessionId(),
                detail(forecast, latest, sessions));
    }

    private static String detail(BoosterForecast forecast, CompletedSession latest, List<CompletedSession> sessions) {
        String due = "Booster due " + forecast.dueOn() + " (pain): ";
        if (forecast.status() == BoosterStatus.RELIEF_ENDED) {
            return due + "relief after infusion #" + latest.number() + " ended after "
                    + forecast.expectedReliefDays().toPlainString() + " days; no infusion scheduled by then";
        }
        List<String> numbers = forecast.basedOnSessionIds().stream()
                .map(id -> "#" + sessions.stream().filter(s -> s.sessionId().equals(id)).findFirst().orElseThrow()
                        .number())
                .toList();
        return due + "relief expected to last " + forecast.expectedReliefDays().toPlainString()
                + " days after infusion #" + latest.number() + " (median of " + String.join(", ", numbers)
                + "); no infusion scheduled by then";
    }

    /**
     * The check-ins that decide both rules: the baseline window and everything since the end of the 4th most
     * recent infusion when they suffice (the usual case once a course has started and the patient reports), else
     * the whole course. The bounded read is what keeps a check-in POST cheap: reading a year of check-ins under
     * the patient's lock was the write path's largest cost. Either way the figures are those the trend endpoint
     * reports.
     */
    private TrendInput stateAfterTheWrite(Patient patient, Instant now) {
        List<CompletedSession> sessions = trends.completedSessions(patient.id, now);
        List<Instant> scheduled = trends.scheduledStarts(patient.id);
        if (!sessions.isEmpty()) {
            CategoryWindow window = CategoryWindow.forBoosterForecast(sessions, now);
            TrendInput recent = new TrendInput(TrendRepository.subject(patient),
                    trends.checkInsDecidingCategory(patient.id, window), sessions, scheduled);
            if (WATCHED.stream().allMatch(domain -> recent.decidesCategory(domain, window))
                    && recent.decidesBoosterForecast(BOOSTER_DOMAIN, window)) {
                return recent;
            }
        }
        return new TrendInput(TrendRepository.subject(patient), trends.checkIns(patient.id, now), sessions,
                scheduled);
    }
}
