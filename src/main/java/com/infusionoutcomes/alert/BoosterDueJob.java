package com.infusionoutcomes.alert;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.persistence.EntityManager;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.infusionoutcomes.session.SessionStatus;
import com.infusionoutcomes.summary.OutcomeSummaries;

import io.quarkus.scheduler.Scheduled;

/**
 * BOOSTER_DUE as days pass: a forecast's due date does not move, but "today" comes closer to it, so a patient no
 * write touched can become due. Only patients whose latest completed infusion has no BOOSTER_DUE alert holding yet
 * are looked at (the rule raises once per latest infusion), each through the same rule as a write. Idempotent like
 * {@link MissedCheckInsJob}: a run repeated by hand, by a retry or by a second instance raises nothing twice.
 */
@ApplicationScoped
public class BoosterDueJob {

    static final String JOB = "booster-due";

    private final EntityManager em;
    private final BoosterDueRule rule;
    private final PatientScan scan;
    private final OutcomeSummaries summaries;
    private final Duration period;

    BoosterDueJob(EntityManager em, BoosterDueRule rule, PatientScan scan, OutcomeSummaries summaries,
            @ConfigProperty(name = "infusion.alerts.booster-due.every", defaultValue = "1h") Duration period) {
        this.em = em;
        this.rule = rule;
        this.scan = scan;
        this.summaries = summaries;
        this.period = period;
    }

    /** Every instance fires; the lease lets one of them work per period. */
    @Scheduled(identity = JOB, every = "${infusion.alerts.booster-due.every:1h}", delayed = "2m",
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
        return scan.run(JOB, now, period, () -> candidates(now), patientId -> rule.decide(patientId, now));
    }

    /**
     * Set-based: patients whose latest completed infusion up to now has no BOOSTER_DUE alert, resolved or not, or
     * only an unresolved one whose condition cleared (a due date moved later can come due again).
     */
    private List<UUID> candidates(Instant now) {
        // The rule reads the summaries: first bring up to date those that time changed (a check-in or session
        // recorded ahead of the clock whose time has come).
        summaries.refreshDue(null, now);
        return em.createQuery("select s.patientId from InfusionSession s where s.status = :completed"
                + " and s.startedAt <= :now"
                + " and not exists (select 1 from InfusionSession later where later.patientId = s.patientId"
                + " and later.status = :completed and later.startedAt <= :now and (later.startedAt > s.startedAt"
                + " or (later.startedAt = s.startedAt and later.id > s.id)))"
                + " and not exists (select 1 from Alert a where a.patientId = s.patientId and a.rule = :rule"
                + " and a.sourceId = s.id and (a.openKey is null or a.conditionClearedAt is null))"
                + " order by s.patientId", UUID.class)
                .setParameter("completed", SessionStatus.COMPLETED)
                .setParameter("now", now)
                .setParameter("rule", AlertRule.BOOSTER_DUE)
                .getResultList();
    }
}
