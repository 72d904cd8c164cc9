package com.infusionoutcomes.alert;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import com.infusionoutcomes.checkin.CheckIn;
import com.infusionoutcomes.checkin.CheckInStatus;
import com.infusionoutcomes.checkin.CheckInsRecorded;
import com.infusionoutcomes.session.SessionStatus;

/**
 * MISSED_CHECK_INS: a patient in active treatment (an infusion completed in the last 90 days) who has not checked
 * in for 7 days. Silence is counted from the last check-in, or from enrolment for a patient who never checked in.
 * Silence is found by looking, not by a write, so {@link MissedCheckInsJob} applies this rule periodically. A
 * patient whose alert is still unresolved is not raised again; after the alert is resolved, a patient still silent
 * is raised again.
 *
 * <p>A check-in recorded within the last 7 days ends the silence: the unresolved alert is marked
 * {@code conditionClearedAt} by that write and stays for a clinician to close. Should the patient fall silent again
 * before it is closed, the next scan finds the condition holding again and clears the mark.
 */
@ApplicationScoped
class MissedCheckInsRule {

    static final Duration SILENCE = Duration.ofDays(7);
    static final Duration ACTIVE_TREATMENT = Duration.ofDays(90);

    private final EntityManager em;
    private final AlertService alerts;

    MissedCheckInsRule(EntityManager em, AlertService alerts) {
        this.em = em;
        this.alerts = alerts;
    }

    /** Set-based: patients treated recently, then the silent ones among them, minus those already alerted. */
    @Transactional(Transactional.TxType.MANDATORY)
    List<UUID> silentPatients(Instant now) {
        return em.createQuery("select p.id from Patient p where p.id in (select s.patientId from InfusionSession s"
                + " where s.status = :completed and s.endedAt >= :treatedSince and s.endedAt <= :now)"
                + " and p.enrolledAt <= :silentSince"
                // a check-in entered in error was withdrawn: it is not a report
                + " and not exists (select 1 from CheckIn c where c.patientId = p.id and c.recordedAt > :silentSince"
                + " and c.status <> :withdrawn)"
                + " and not exists (select 1 from Alert a where a.patientId = p.id and a.rule = :rule"
                + " and a.status <> :resolved and a.conditionClearedAt is null)"
                + " order by p.id", UUID.class)
                .setParameter("completed", SessionStatus.COMPLETED)
                .setParameter("treatedSince", now.minus(ACTIVE_TREATMENT))
                .setParameter("now", now)
                .setParameter("silentSince", now.minus(SILENCE))
                .setParameter("withdrawn", CheckInStatus.ENTERED_IN_ERROR)
                .setParameter("rule", AlertRule.MISSED_CHECK_INS)
                .setParameter("resolved", AlertStatus.RESOLVED)
                .getResultList();
    }

    /**
     * After a write that stored check-ins, in its transaction: the latest of them ends the silence unless it was
     * recorded before the last 7 days (a history synced late), which a scan would not count either.
     */
    void checkedIn(@Observes @Priority(RuleOrder.MISSED_CHECK_INS) CheckInsRecorded event) {
        Instant latest = event.latest().recordedAt;
        if (latest.isAfter(Instant.now().minus(SILENCE))) {
            alerts.conditionCleared(event.patientId(), AlertRule.MISSED_CHECK_INS);
        }
    }

    /**
     * Raises the alert for a patient {@link #silentPatients} found, unless one is unresolved by now.
     *
     * @return whether an alert was raised
     */
    @Transactional(Transactional.TxType.MANDATORY)
    boolean raise(UUID patientId) {
        return alerts.raiseUnlessUnresolved(patientId, AlertRule.MISSED_CHECK_INS, "Patient", patientId,
                "No check-in for " + SILENCE.toDays() + " days during active treatment");
    }
}
