package com.infusionoutcomes.auth;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.infusionoutcomes.problem.ProblemException;
import com.infusionoutcomes.user.Passwords;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The bulkhead around bcrypt. A hash takes tens of milliseconds of a core on purpose, so a flood of sign-ins
 * could take every core and worker thread from the rest of the service. At most one hash per core runs at once;
 * a few more callers may wait briefly for a turn, and beyond that the answer is 503 with Retry-After at once.
 * Callers hold no database connection and no transaction while they wait or hash.
 */
@ApplicationScoped
public class PasswordHashing {

    private final Semaphore turns;
    private final int maxInFlight;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Counter checks;
    private final Counter shed;

    @ConfigProperty(name = "infusion.auth.password-hashing.max-wait", defaultValue = "PT1S")
    java.time.Duration maxWait;

    PasswordHashing(MeterRegistry registry,
            @ConfigProperty(name = "infusion.auth.password-hashing.concurrency", defaultValue = "0") int concurrency,
            @ConfigProperty(name = "infusion.auth.password-hashing.queue", defaultValue = "0") int queue) {
        int cores = Runtime.getRuntime().availableProcessors();
        int running = concurrency > 0 ? concurrency : cores;
        this.turns = new Semaphore(running, true);
        this.maxInFlight = running + (queue > 0 ? queue : 4 * running);
        this.checks = Counter.builder("infusion.password.checks")
                .description("Passwords compared with their bcrypt hash (sign-in, password change)")
                .register(registry);
        this.shed = Counter.builder("infusion.password.hashing.refused")
                .description("Password work refused with 503 because the bulkhead was full")
                .register(registry);
    }

    /** Whether the password matches; an unknown account (null hash) costs the same time as a wrong password. */
    public boolean matches(String password, String hash) {
        return run(() -> {
            checks.increment();
            return Passwords.matches(password, hash);
        });
    }

    /**
     * As {@link #matches(String, String)}, for an attempt the throttle counted: refused for want of a turn, the
     * password was never checked, so the attempt is given back.
     */
    boolean matches(String password, String hash, LoginThrottle.Attempt attempt) {
        try {
            return matches(password, hash);
        } catch (ProblemException busy) {
            attempt.giveBack();
            throw busy;
        }
    }

    public String hash(String password) {
        return run(() -> Passwords.hash(password));
    }

    /** Passwords compared so far, for tests that count how many attempts reached bcrypt. */
    long checks() {
        return (long) checks.count();
    }

    private <T> T run(Supplier<T> work) {
        if (inFlight.incrementAndGet() > maxInFlight) {
            inFlight.decrementAndGet();
            throw busy();
        }
        try {
            if (!turns.tryAcquire(maxWait.toMillis(), TimeUnit.MILLISECONDS)) {
                throw busy();
            }
        } catch (InterruptedException e) {
            inFlight.decrementAndGet();
            Thread.currentThread().interrupt();
            throw busy();
        } catch (ProblemException e) {
            inFlight.decrementAndGet();
            throw e;
        }
        try {
            return work.get();
        } finally {
            turns.release();
            inFlight.decrementAndGet();
        }
    }

    private ProblemException busy() {
        shed.increment();
        return ProblemException.busy(1);
    }
}
