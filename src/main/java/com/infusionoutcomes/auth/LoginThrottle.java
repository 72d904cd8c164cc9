package com.infusionoutcomes.auth;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.infusionoutcomes.problem.ProblemException;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;

/**
 * Limits guessing at the doors that take a secret: sign-in, refresh, and the one-time codes (enrollment and
 * password reset). Each attempt takes a token from two buckets before the secret is checked, one for the thing
 * guessed at from this address (an account, a refresh token, a code) and one for the address as a whole; an
 * attempt that proves right gives its tokens back, so only failures count. Taking the token first means parallel
 * attempts cannot all slip past a counter that is written after the check, and keying by account AND address
 * means nobody can lock an account from somewhere else.
 *
 * <p>Kept in memory, in a cache of bounded size: each instance limits on its own, which still bounds guessing to
 * a few attempts per minute per instance; a flood of made-up keys evicts rarely used buckets, not busy ones.
 */
@ApplicationScoped
public class LoginThrottle {

    private static final Duration WINDOW = Duration.ofMinutes(1);
    private static final Logger LOG = Logger.getLogger(LoginThrottle.class);

    /** Which door an attempt knocks on; each has its own buckets. */
    enum Door {
        SIGN_IN("sign-in"), REFRESH("refresh"), CODE("one-time code");

        final String label;

        Door(String label) {
            this.label = label;
        }
    }

    /** The tokens one attempt took; {@link #giveBack()} returns them. */
    static final class Attempt {
        private final Bucket target;
        private final Bucket address;

        private Attempt(Bucket target, Bucket address) {
            this.target = target;
            this.address = address;
        }

        void giveBack() {
            target.addTokens(1);
            address.addTokens(1);
        }
    }

    private final Cache<String, Bucket> buckets;

    @ConfigProperty(name = "infusion.auth.failed-logins-per-username", defaultValue = "5")
    int perAccount;

    @ConfigProperty(name = "infusion.auth.failed-logins-per-address", defaultValue = "20")
    int signInsPerAddress;

    @ConfigProperty(name = "infusion.auth.failed-refreshes-per-address", defaultValue = "20")
    int refreshesPerAddress;

    @ConfigProperty(name = "infusion.auth.failed-codes-per-address", defaultValue = "10")
    int codesPerAddress;

    @ConfigProperty(name = "infusion.auth.failed-attempts-per-code", defaultValue = "5")
    int perCode;

    LoginThrottle(@ConfigProperty(name = "infusion.auth.throttle-buckets", defaultValue = "100000") long maxBuckets) {
        // A bucket is full again after one window; one idle for two windows holds nothing worth keeping.
        this.buckets = Caffeine.newBuilder().maximumSize(maxBuckets).expireAfterAccess(WINDOW.multipliedBy(2)).build();
    }

    /** Takes a token for a sign-in as this username from this address, or answers 429 with Retry-After. */
    Attempt signIn(String username, String address) {
        String from = addressKey(address);
        return take(Door.SIGN_IN, "account:" + from + "|" + username, perAccount, "sign-in:" + from,
                signInsPerAddress);
    }

    Attempt refresh(String tokenHash, String address) {
        String from = addressKey(address);
        return take(Door.REFRESH, "refresh-token:" + tokenHash, perCode, "refresh:" + from, refreshesPerAddress);
    }

    /** Enrollment and password-reset codes share one budget per address: both are short codes worth guessing. */
    Attempt code(String codeHash, String address) {
        String from = addressKey(address);
        return take(Door.CODE, "code:" + codeHash, perCode, "codes:" + from, codesPerAddress);
    }

    /** Forgets every bucket; for tests that must start from a clean slate. */
    public void reset() {
        buckets.invalidateAll();
    }

    private Attempt take(Door door, String targetKey, int targetLimit, String addressKey, int addressLimit) {
        Bucket target = buckets.get(targetKey, k -> bucket(targetLimit));
        ConsumptionProbe first = target.tryConsumeAndReturnRemaining(1);
        if (!first.isConsumed()) {
            throw refused(door, first.getNanosToWaitForRefill(), "target");
        }
        Bucket address = buckets.get(addressKey, k -> bucket(addressLimit));
        ConsumptionProbe second = address.tryConsumeAndReturnRemaining(1);
        if (!second.isConsumed()) {
            target.addTokens(1);
            throw refused(door, second.getNanosToWaitForRefill(), "source address");
        }
        return new Attempt(target, address);
    }

    private static Bucket bucket(int perWindow) {
        return Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(perWindow).refillIntervally(perWindow, WINDOW).build())
                .build();
    }

    private static ProblemException refused(Door door, long nanos, String which) {
        long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(nanos) + 1);
        // Someone may be guessing: worth an operator's eye. Neither the username nor the address is logged (a
        // username can be a patient's name); the request id leads to the rest.
        LOG.warnf("%s refused for %d s: too many failed attempts for this %s", door.label, seconds,
                which.equals("target") && door == Door.SIGN_IN ? "username" : which);
        return ProblemException.tooManyRequests(seconds);
    }

    /** IPv6 clients often hold a whole /64: they are one address here, or each could guess as 2^64 of them. */
    static String addressKey(String address) {
        if (address == null || address.indexOf(':') < 0) {
            return address;
        }
        try {
            byte[] bytes = InetAddress.getByName(address).getAddress();
            if (bytes.length != 16) {
                return address;
            }
            StringBuilder prefix = new StringBuilder();
            for (int i = 0; i < 8; i += 2) {
                prefix.append(Integer.toHexString(((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff))).append(':');
            }
            return prefix.append(":/64").toString();
        } catch (UnknownHostException e) {
            return address;
        }
    }
}
