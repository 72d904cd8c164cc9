package com.infusionoutcomes.summary;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.infusionoutcomes.caller.Caller;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;

/**
 * Fills outcome summaries from the records, for a database that has patients without them (one migrated from
 * before the summaries existed, or rows written by a bulk load that bypassed the application) and, when asked,
 * recomputes every one of them (repair). Runs at startup, before the application serves requests, and logs its
 * progress; see docs/operations.md. Each patient is recomputed in a transaction of its own under the patient's
 * write lock, so it may run while other instances write, and an interrupted run is simply started again.
 */
@ApplicationScoped
public class SummaryRebuild {

    private static final Logger LOG = Logger.getLogger(SummaryRebuild.class);
    private static final int BATCH = 500;
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);

    private final EntityManager em;
    private final OutcomeSummaries summaries;
    private final Caller caller;
    private final boolean rebuildAll;

    SummaryRebuild(EntityManager em, OutcomeSummaries summaries, Caller caller,
            @ConfigProperty(name = "infusion.summaries.rebuild-at-start", defaultValue = "false") boolean rebuildAll) {
        this.em = em;
        this.summaries = summaries;
        this.caller = caller;
        this.rebuildAll = rebuildAll;
    }

    /** After the demo cohort and any other startup loading (higher priorities run later). */
    void onStart(@Observes @Priority(jakarta.interceptor.Interceptor.Priority.APPLICATION + 900) StartupEvent event) {
        run(rebuildAll);
    }

    /**
     * @param all recompute every patient's summaries; otherwise only those of patients that have none
     * @return how many patients were (re)computed
     */
    @ActivateRequestContext
    public int run(boolean all) {
        caller.actAsSystem();
        long total = QuarkusTransaction.requiringNew().call(() -> count(all));
        if (total == 0) {
            return 0;
        }
        String what = all ? "Rebuilding the outcome summaries of every patient" : "Computing missing outcome summaries";
        LOG.infof("%s: %d patients", what, total);
        long started = System.nanoTime();
        long lastLog = started;
        int done = 0;
        UUID after = null;
        while (true) {
            UUID from = after;
            List<UUID> batch = QuarkusTransaction.requiringNew().call(() -> next(all, from));
            if (batch.isEmpty()) {
                break;
            }
            for (UUID patientId : batch) {
                QuarkusTransaction.requiringNew().run(() -> summaries.rebuild(patientId));
                done++;
                long now = System.nanoTime();
                if (now - lastLog >= PROGRESS_EVERY.toNanos()) {
                    lastLog = now;
                    LOG.infof("Outcome summaries: %d of %d patients (%d %%), %d s", done, total,
                            total == 0 ? 100 : done * 100 / total, Duration.ofNanos(now - started).toSeconds());
                }
            }
            after = batch.get(batch.size() - 1);
        }
        LOG.infof("Outcome summaries: %d patients done in %d ms", done,
                Duration.ofNanos(System.nanoTime() - started).toMillis());
        QuarkusTransaction.requiringNew().run(this::analyze);
        return done;
    }

    /**
     * Fresh statistics for the table just filled: without them PostgreSQL took the table for a few dozen rows and
     * read a domain's every summary for a panel page (270 ms at 10,000 patients) instead of walking the sort's
     * index (a few ms). Autovacuum would get there, but later.
     */
    private void analyze() {
        em.unwrap(org.hibernate.Session.class).doWork(connection -> {
            boolean h2 = connection.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT)
                    .contains("h2");
            try (var statement = connection.createStatement()) {
                statement.execute(h2 ? "analyze table outcome_summary" : "analyze outcome_summary");
            }
        });
    }

    private long count(boolean all) {
        return em.createQuery("select count(p) from Patient p" + (all ? "" : " where " + MISSING), Long.class)
                .getSingleResult();
    }

    /** The next patients by id: keyset, so a patient enrolled meanwhile neither stops nor repeats the run. */
    private List<UUID> next(boolean all, UUID after) {
        String where = (all ? "" : MISSING) + (after == null ? "" : (all ? "" : " and ") + "p.id > :after");
        var query = em.createQuery("select p.id from Patient p" + (where.isEmpty() ? "" : " where " + where)
                + " order by p.id", UUID.class).setMaxResults(BATCH);
        if (after != null) {
            query.setParameter("after", after);
        }
        return query.getResultList();
    }

    // A row from before the slope's sums were kept counts as missing: its next write would read the whole course.
    private static final String MISSING = "not exists (select 1 from OutcomeSummary s where s.patientId = p.id"
            + " and s.slopeN is not null)";
}
