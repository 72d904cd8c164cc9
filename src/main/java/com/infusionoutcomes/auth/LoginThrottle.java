package com.infusionoutcomes.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Counts failed attempts per username and per source address in a sliding window; past the limit, further
 * attempts are refused until the oldest failure leaves the window. Kept in memory: each instance limits on its
 * own, which still bounds guessing to a few attempts per minute per instance.
 */
@ApplicationScoped
public class LoginThrottle {

    private static final Duration WINDOW = Duration.ofMinutes(1);
    private static final Logger LOG = Logger.getLogger(LoginThrottle.class);

    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

    @ConfigProperty(name = "infusion.auth.failed-logins-per-username", defaultValue = "5")
    int perUsername;

    @ConfigProperty(name = "infusion.auth.failed-logins-per-address", defaultValue = "20")
    int perAddress;

    /** Seconds to wait before trying again, or 0 when an attempt is allowed now. */
    public long retryAfter(String username, String address) {
        Instant now = Instant.now();
        long user = wait("user:" + username, perUsername, now);
        long ip = wait("ip:" + address, perAddress, now);
        if (user > 0 || ip > 0) {
            // Someone may be guessing passwords: worth an operator's eye. Neither the username nor the address is
            // logged (a username can be a patient's name); the request id leads to the rest.
            LOG.warnf("Sign-in refused for %d s: too many failed attempts for this %s", Math.max(user, ip),
                    user >= ip ? "username" : "source address");
        }
        return Math.max(user, ip);
    }

    public void failed(String username, String address) {
        Instant now = Instant.now();
        for (String key : new String[] { "user:" + username, "ip:" + address }) {
            Deque<Instant> times = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
            synchronized (times) {
                times.addLast(now);
            }
        }
    }

    public void succeeded(String username) {
        failures.remove("user:" + username);
    }

    /** Forgets every failure; for tests that must start from a clean slate. */
    public void reset() {
        failures.clear();
    }

    private long wait(String key, int limit, Instant now) {
        Deque<Instant> times = failures.get(key);
        if (times == null) {
            return 0;
        }
        synchronized (times) {
            while (!times.isEmpty() && times.peekFirst().isBefore(now.minus(WINDOW))) {
                times.pollFirst();
            }
            if (times.size() < limit) {
                return 0;
            }
            return Math.max(1, Duration.between(now, times.peekFirst().plus(WINDOW)).toSeconds() + 1);
        }
    }
}
