package com.infusionoutcomes.alert;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.infusionoutcomes.checkin.CheckInStatus;
import com.infusionoutcomes.session.SessionStatus;

import io.quarkus.scheduler.Scheduled;

/**
 * The MISSED_CHECK_INS rule: a patient in active treatment (an infusion completed in the last 90 days) who has
 * not checked in for 7 days. Silence is counted from the last check-in, or from enrolment for a patient who never
 * checked in. Idempotent: a patient whose alert is still unresolved is not raised again, so a run repeated by
 * hand, by a retry or by a second instance changes nothing; after the alert is resolved, a patient still silent
 * is raised again on the next run.
 *
 * <p>A check-in recorded within the last 7 days ends the silence: the unresolved alert is marked
 * {@code conditionClearedAt} by that write ({@link #checkedIn}) and stays for a clinician to close. Should the
 * patient fall silent again before it is closed, the next run finds the condition holding again and clears the mark.
 */
@ApplicationScoped
public class MissedCheckInsJob {

    static final String JOB = "missed-check-ins";
    static final Duration SILENCE = Duration.ofDays(7);
    static final Duration ACTIVE_TREATMENT = Duration.ofDays(90);

    private final EntityManager em;
    private final AlertService alerts;
    private final PatientScan scan;
    private final Duration period;

    MissedCheckInsJob(EntityManager em, AlertService alerts, PatientScan scan,
            @ConfigProperty(name = "infusion.alerts.missed-check-ins.every", defaultValue = "1h") Duration period) {
        this.em = em;
        this.alerts = alerts;
        this.scan = scan;
        this.period = period;
    }

    /** Every instance fires; the lease lets one of them work per period. */
    @Scheduled(identity = JOB, every = "${infusion.alerts.missed-check-ins.every:1h}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void scheduled() {
        run(Instant.now().truncatedTo(ChronoUnit.MICROS));
    }

    /**
     * One run as of {@code now}.
     *
     * @return the number of alerts raised, or -1 when another run holds this period's lease
     */
    @ActivateRequestContext
    public int run(Instant now) {
        return scan.run(JOB, now, period, () -> silentPatients(now),
                patientId -> alerts.raiseUnlessUnresolved(patientId, AlertRule.MISSED_CHECK_INS, "Patient", patientId,
                        "No check-in for " + SILENCE.toDays() + " days during active treatment"));
    }

    /**
     * After a write that stored check-ins, in its transaction: the latest of them ends the silence unless it was
     * recorded before the last 7 days (a history synced late), which a run would not count either.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void checkedIn(UUID patientId, Instant latestRecordedAt) {
        if (latestRecordedAt.isAfter(Instant.now().minus(SILENCE))) {
            alerts.conditionCleared(patientId, AlertRule.MISSED_CHECK_INS);
        }
    }

    /** Set-based: patients treated recently, then the silent ones among them, minus those already alerted. */
    private List<UUID> silentPatients(Instant now) {
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
}
