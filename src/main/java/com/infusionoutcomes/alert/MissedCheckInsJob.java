package com.infusionoutcomes.alert;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.scheduler.Scheduled;

/**
 * Applies {@link MissedCheckInsRule} periodically: silence is noticed by looking, not by a write. Idempotent: a run
 * repeated by hand, by a retry or by a second instance changes nothing, since a patient whose alert is still
 * unresolved is not raised again.
 */
@ApplicationScoped
public class MissedCheckInsJob {

    static final String JOB = "missed-check-ins";

    private final MissedCheckInsRule rule;
    private final PatientScan scan;
    private final Duration period;

    MissedCheckInsJob(MissedCheckInsRule rule, PatientScan scan,
            @ConfigProperty(name = "infusion.alerts.missed-check-ins.every", defaultValue = "1h") Duration period) {
        this.rule = rule;
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
        return scan.run(JOB, now, period, () -> rule.silentPatients(now), rule::raise);
    }
}
