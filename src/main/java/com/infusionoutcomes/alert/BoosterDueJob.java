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
import org.jboss.logging.Logger;

import com.infusionoutcomes.access.Caller;
import com.infusionoutcomes.session.SessionStatus;
import com.infusionoutcomes.system.JobLease;

import io.quarkus.narayana.jta.QuarkusTransaction;
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

    private static final Logger LOG = Logger.getLogger(BoosterDueJob.class);

    private final EntityManager em;
    private final TrendAlertRules rules;
    private final JobLease lease;
    private final Caller caller;
    private final Duration period;

    BoosterDueJob(EntityManager em, TrendAlertRules rules, JobLease lease, Caller caller,
            @ConfigProperty(name = "infusion.alerts.booster-due.every", defaultValue = "1h") Duration period) {
        this.em = em;
        this.rules = rules;
        this.lease = lease;
        this.caller = caller;
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
        if (!lease.tryAcquire(JOB, now, period.minusSeconds(1))) {
            return -1;
        }
        caller.actAsSystem();
        List<UUID> candidates = QuarkusTransaction.requiringNew().call(() -> candidates(now));
        int raised = 0;
        for (UUID patientId : candidates) {
            // One transaction per patient: a failure for one patient leaves the others' alerts raised.
            if (QuarkusTransaction.requiringNew().call(() -> rules.boosterDue(patientId, now))) {
                raised++;
            }
        }
        LOG.infof("booster-due: %d patients looked at, %d alerts raised", candidates.size(), raised);
        return raised;
    }

    /**
     * Set-based: patients whose latest completed infusion up to now has no BOOSTER_DUE alert, resolved or not, or
     * only an unresolved one whose condition cleared (a due date moved later can come due again).
     */
    private List<UUID> candidates(Instant now) {
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
