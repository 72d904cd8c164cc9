package com.infusionoutcomes.persistence;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Lets one instance of many do a scheduled job's work for a period. Every instance fires the job; the first to
 * move the job's lease forward wins, the others see a lease still running and skip. The lease is not released
 * when the work ends: it covers the period, so a slower clock on another instance cannot run it again.
 */
@ApplicationScoped
public class JobLease {

    /** Names this process in the table, for an operator asking who ran a job. */
    private static final String HOLDER = ProcessHandle.current().pid() + "@" + UUID.randomUUID();

    private final EntityManager em;

    JobLease(EntityManager em) {
        this.em = em;
    }

    /** True when this instance took the job's lease for {@code period} from {@code now}; in its own transaction. */
    public boolean tryAcquire(String job, Instant now, Duration period) {
        return QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "update scheduled_job set leased_until = ?1, leased_by = ?2, last_started_at = ?3"
                        + " where name = ?4 and leased_until <= ?3")
                .setParameter(1, now.plus(period)).setParameter(2, HOLDER).setParameter(3, now)
                .setParameter(4, job).executeUpdate() == 1);
    }
}
