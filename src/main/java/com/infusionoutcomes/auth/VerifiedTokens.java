package com.infusionoutcomes.auth;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;

import javax.crypto.SecretKey;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

import org.eclipse.microprofile.jwt.JsonWebToken;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;

/**
 * Verifies a bearer token once, not on every request that carries it: a client sends the same access token with
 * each request for its whole life, and checking its RS256 signature again (parse, RSA, claims) was the largest
 * single cost of a small request. A token is remembered by its exact text, signature included, and only until
 * its {@code exp}: what a remembered token is accepted for is what verifying it again would accept, but for a
 * change of keys (an external provider's JWKS rotating) within its lifetime, which a token signed by the old
 * key survives until it expires. Revocation is not cached here: {@link TokenRevocation} runs on every request.
 * Everything but the plain {@link #parse(String)} of the service's own configuration goes to the parser itself.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class VerifiedTokens implements JWTParser {

    /** Enough for every token in use at once; a token not found is verified again, nothing more. */
    private static final int MAX_TOKENS = 20_000;
    /** Access tokens live 15 minutes: nothing is kept for longer, whatever a token claims. */
    private static final Duration AT_MOST = Duration.ofMinutes(30);

    private final DefaultJWTParser parser;
    private final Cache<String, Verified> verified;

    VerifiedTokens(DefaultJWTParser parser) {
        this.parser = parser;
        this.verified = Caffeine.newBuilder().maximumSize(MAX_TOKENS).expireAfter(new Expiry<String, Verified>() {
            @Override
            public long expireAfterCreate(String token, Verified v, long now) {
                return untilExpiry(v);
            }

            @Override
            public long expireAfterUpdate(String token, Verified v, long now, long current) {
                return untilExpiry(v);
            }

            @Override
            public long expireAfterRead(String token, Verified v, long now, long current) {
                return current;
            }
        }).build();
    }

    private record Verified(JsonWebToken token, Instant expiresAt) {
    }

    private static long untilExpiry(Verified v) {
        Duration left = Duration.between(Instant.now(), v.expiresAt());
        return Math.max(0, (left.compareTo(AT_MOST) < 0 ? left : AT_MOST).toNanos());
    }

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        Verified known = verified.getIfPresent(token);
        // The cache's own expiry is not exact to the instant: the token's exp is checked on every use.
        if (known != null && Instant.now().isBefore(known.expiresAt())) {
            return known.token();
        }
        JsonWebToken fresh = parser.parse(token);
        long exp = fresh.getExpirationTime();
        if (exp > 0) {
            verified.put(token, new Verified(fresh, Instant.ofEpochSecond(exp)));
        }
        return fresh;
    }

    @Override
    public JsonWebToken parse(String token, JWTAuthContextInfo context) throws ParseException {
        return parser.parse(token, context);
    }

    @Override
    public JsonWebToken verify(String token, PublicKey key) throws ParseException {
        return parser.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, SecretKey key) throws ParseException {
        return parser.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, String secret) throws ParseException {
        return parser.verify(token, secret);
    }

    @Override
    public JsonWebToken decrypt(String token, PrivateKey key) throws ParseException {
        return parser.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, SecretKey key) throws ParseException {
        return parser.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, String secret) throws ParseException {
        return parser.decrypt(token, secret);
    }

    @Override
    public JsonWebToken parseOnly(String token) throws ParseException {
        return parser.parseOnly(token);
    }
}
