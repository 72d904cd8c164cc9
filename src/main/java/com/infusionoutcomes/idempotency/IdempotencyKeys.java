package com.infusionoutcomes.idempotency;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

import com.infusionoutcomes.persistence.Persistence;

/**
 * The table behind Idempotency-Key, shared by every instance of the service. Which of two racing requests runs
 * is decided by the primary key (caller, key), never by memory; each step is a short transaction of its own.
 */
@ApplicationScoped
public class IdempotencyKeys {

    /**
     * How long a running request holds its key. Longer than the transaction timeout (60 s), so by then the
     * first request has committed or rolled back; only a request whose instance died mid-way is taken over.
     */
    static final Duration LEASE = Duration.ofMinutes(2);

    /** The stored answer of a completed request. */
    public record Stored(int status, String contentType, String location, String etag, String body) {
    }

    /** What a new request with a key finds. */
    public sealed interface Claim {
    }

    /** This request runs; its answer will be stored under the key. */
    public record Claimed(String caller, String key, String fingerprint) implements Claim {
    }

    /** The same request completed before: answer as it did. */
    public record Replay(Stored answer) implements Claim {
    }

    /** The key was used for a different request (other body, method or path). */
    public record Mismatch() implements Claim {
    }

    /** The same request is still running elsewhere. */
    public record InProgress() implements Claim {
    }

    private final EntityManager em;
    private final Duration retention;

    IdempotencyKeys(EntityManager em,
            @ConfigProperty(name = "infusion.idempotency.retention", defaultValue = "PT24H") Duration retention) {
        this.em = em;
        this.retention = retention;
    }

    public Claim claim(String caller, String key, String fingerprint) {
        for (int attempt = 1;; attempt++) {
            try {
                return QuarkusTransaction.requiringNew().call(() -> tryClaim(caller, key, fingerprint));
            } catch (PersistenceException e) {
                // H2 can refuse a racing insert outright where PostgreSQL waits and skips it: look again.
                if (attempt == 3 || !Persistence.isWorthRetrying(e)) {
                    throw e;
                }
            }
        }
    }

    private Claim tryClaim(String caller, String key, String fingerprint) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        // An expired key is forgotten as it is used again, whether or not the scheduled sweep got to it.
        em.createNativeQuery("delete from idempotency_key where caller = ?1 and idempotency_key = ?2"
                + " and expires_at < ?3").setParameter(1, caller).setParameter(2, key).setParameter(3, now)
                .executeUpdate();
        int inserted = em.createNativeQuery("insert into idempotency_key (caller, idempotency_key, fingerprint,"
                + " created_at, locked_until, expires_at) values (?1, ?2, ?3, ?4, ?5, ?6) on conflict do nothing")
                .setParameter(1, caller).setParameter(2, key).setParameter(3, fingerprint).setParameter(4, now)
                .setParameter(5, now.plus(LEASE)).setParameter(6, now.plus(retention)).executeUpdate();
        if (inserted == 1) {
            return new Claimed(caller, key, fingerprint);
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select fingerprint, status, content_type, location, etag, body,"
                + " locked_until from idempotency_key where caller = ?1 and idempotency_key = ?2")
                .setParameter(1, caller).setParameter(2, key).getResultList();
        if (rows.isEmpty()) {
            return new InProgress(); // released by a failed first attempt this very moment; a retry will run
        }
        Object[] row = rows.get(0);
        if (!fingerprint.equals(row[0])) {
            return new Mismatch();
        }
        if (row[1] != null) {
            return new Replay(new Stored(((Number) row[1]).intValue(), (String) row[2], (String) row[3],
                    (String) row[4], text(row[5])));
        }
        Instant lockedUntil = instant(row[6]);
        if (lockedUntil.isBefore(now.toInstant())) {
            int taken = em.createNativeQuery("update idempotency_key set locked_until = ?1 where caller = ?2"
                    + " and idempotency_key = ?3 and status is null and locked_until = ?4")
                    .setParameter(1, now.plus(LEASE)).setParameter(2, caller).setParameter(3, key)
                    .setParameter(4, lockedUntil.atOffset(ZoneOffset.UTC)).executeUpdate();
            if (taken == 1) {
                return new Claimed(caller, key, fingerprint);
            }
        }
        return new InProgress();
    }

    /** Stores the answer of the request that holds the key. */
    public void complete(Claimed claim, Stored answer) {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("update idempotency_key set status = ?1,"
                + " content_type = ?2, location = ?3, etag = ?4, body = ?5 where caller = ?6 and idempotency_key = ?7"
                + " and fingerprint = ?8 and status is null")
                .setParameter(1, answer.status()).setParameter(2, answer.contentType())
                .setParameter(3, answer.location()).setParameter(4, answer.etag()).setParameter(5, answer.body())
                .setParameter(6, claim.caller()).setParameter(7, claim.key()).setParameter(8, claim.fingerprint())
                .executeUpdate());
    }

    /** Frees the key of a request that did not succeed, so the client may retry it with the same key. */
    public void release(Claimed claim) {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("delete from idempotency_key where"
                + " caller = ?1 and idempotency_key = ?2 and fingerprint = ?3 and status is null")
                .setParameter(1, claim.caller()).setParameter(2, claim.key()).setParameter(3, claim.fingerprint())
                .executeUpdate());
    }

    /** Sweeps expired keys; harmless when several instances sweep at once. */
    @Scheduled(every = "1h", delayed = "10m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void forgetExpired() {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "delete from idempotency_key where expires_at < ?1")
                .setParameter(1, OffsetDateTime.now(ZoneOffset.UTC)).executeUpdate());
    }

    private static String text(Object value) {
        if (value instanceof java.sql.Clob clob) {
            try {
                return clob.getSubString(1, (int) clob.length());
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        }
        return (String) value;
    }

    private static Instant instant(Object value) {
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (value instanceof java.sql.Timestamp t) {
            return t.toInstant();
        }
        throw new IllegalStateException("unexpected timestamp type " + value.getClass().getName());
    }
}
