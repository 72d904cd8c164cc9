package com.infusionoutcomes.alert;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.infusionoutcomes.caller.Caller;
import com.infusionoutcomes.persistence.JobLease;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * How a periodic alert scan runs: one instance of many per period (the job's lease), as the system, over the
 * patients a set-based query picked, each in a transaction of its own so a failure for one patient leaves the
 * others' alerts raised.
 */
@ApplicationScoped
class PatientScan {

    private static final Logger LOG = Logger.getLogger(PatientScan.class);

    private final JobLease lease;
    private final Caller caller;

    PatientScan(JobLease lease, Caller caller) {
        this.lease = lease;
        this.caller = caller;
    }

    /**
     * @param candidates the patients to look at, read in a transaction of its own
     * @param raise applies the rule to one patient; true when it raised an alert
     * @return the number of alerts raised, or -1 when another run holds this period's lease
     */
    int run(String job, Instant now, Duration period, Supplier<List<UUID>> candidates, Predicate<UUID> raise) {
        if (!lease.tryAcquire(job, now, period.minusSeconds(1))) {
            return -1;
        }
        caller.actAsSystem();
        List<UUID> patients = QuarkusTransaction.requiringNew().call(candidates::get);
        int raised = 0;
        for (UUID patientId : patients) {
            if (QuarkusTransaction.requiringNew().call(() -> raise.test(patientId))) {
                raised++;
            }
        }
        LOG.infof("%s: %d patients looked at, %d alerts raised", job, patients.size(), raised);
        return raised;
    }
}
