package com.infusionoutcomes.auth;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.infusionoutcomes.access.Caller;
import com.infusionoutcomes.account.AppUser;
import com.infusionoutcomes.account.Passwords;
import com.infusionoutcomes.account.UserRepository;
import com.infusionoutcomes.system.ProblemException;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.jwt.build.Jwt;

/** Issues access tokens (RS256 JWTs) and rotates refresh tokens. */
@ApplicationScoped
public class TokenService {

    static final Duration ACCESS_LIFETIME = Duration.ofMinutes(15);
    static final Duration REFRESH_LIFETIME = Duration.ofDays(30);

    private final UserRepository users;
    private final RefreshTokenRepository refreshTokens;
    private final SigningKeys keys;
    private final LoginThrottle throttle;

    @ConfigProperty(name = "infusion.auth.issuer")
    String issuer;

    @ConfigProperty(name = "infusion.auth.audience")
    String audience;

    @ConfigProperty(name = "infusion.auth.builtin-issuer.enabled", defaultValue = "true")
    boolean enabled;

    TokenService(UserRepository users, RefreshTokenRepository refreshTokens, SigningKeys keys, LoginThrottle throttle) {
        this.users = users;
        this.refreshTokens = refreshTokens;
        this.keys = keys;
        this.throttle = throttle;
    }

    /**
     * Checks the password. An unknown username and a wrong password get the same answer after the same bcrypt
     * work, so neither the body nor the timing tells which usernames exist.
     */
    @Transactional
    public TokenResponse login(TokenRequest request, String address) {
        requireEnabled();
        String username = Passwords.normaliseUsername(request.username());
        long wait = throttle.retryAfter(username, address);
        if (wait > 0) {
            throw ProblemException.tooManyRequests(wait);
        }
        AppUser user = users.findByUsername(username).orElse(null);
        boolean matches = Passwords.matches(request.password(), user == null ? null : user.passwordHash);
        if (user == null || !matches) {
            throttle.failed(username, address);
            throw ProblemException.unauthorized("Unknown username or wrong password");
        }
        throttle.succeeded(username);
        return issue(user, UUID.randomUUID());
    }

    /**
     * Trades a refresh token for a new pair. A token presented a second time revokes its whole family: either
     * the client or an attacker holds a copy, and the legitimate user simply logs in again.
     */
    public TokenResponse refresh(RefreshRequest request, String address) {
        requireEnabled();
        long wait = throttle.retryAfter("refresh", address);
        if (wait > 0) {
            throw ProblemException.tooManyRequests(wait);
        }
        String hash = Secrets.sha256(request.refreshToken());
        Instant now = Instant.now();
        // The revocation must commit even though the request fails, so it runs in its own transaction.
        Object outcome = QuarkusTransaction.requiringNew().call(() -> {
            RefreshToken token = refreshTokens.findById(hash);
            if (token == null || token.revokedAt != null || token.expiresAt.isBefore(now)) {
                return null;
            }
            if (token.usedAt != null) {
                refreshTokens.revokeFamily(token.familyId, now);
                return Boolean.FALSE;
            }
            token.usedAt = now;
            AppUser user = users.findById(token.userId);
            return user == null ? null : issue(user, token.familyId);
        });
        if (outcome instanceof TokenResponse issued) {
            return issued;
        }
        throttle.failed("refresh", address);
        throw ProblemException.unauthorized(Boolean.FALSE.equals(outcome)
                ? "This refresh token was already used; its family is revoked, log in again"
                : "Unknown, expired or revoked refresh token");
    }

    private TokenResponse issue(AppUser user, UUID family) {
        Instant now = Instant.now();
        var claims = Jwt.issuer(issuer)
                .audience(audience)
                .subject(user.id.toString())
                .upn(user.username)
                .groups(Set.of(user.role.name()))
                .issuedAt(now)
                .expiresAt(now.plus(ACCESS_LIFETIME))
                .claim("jti", UUID.randomUUID().toString());
        if (user.patientId != null) {
            claims.claim(Caller.PATIENT_CLAIM, user.patientId.toString());
        }
        String access = claims.jws().algorithm(io.smallrye.jwt.algorithm.SignatureAlgorithm.RS256).sign(keys.privateKey());

        String refresh = Secrets.token();
        RefreshToken stored = new RefreshToken();
        stored.tokenHash = Secrets.sha256(refresh);
        stored.familyId = family;
        stored.userId = user.id;
        stored.createdAt = now.truncatedTo(ChronoUnit.MICROS);
        stored.expiresAt = now.plus(REFRESH_LIFETIME).truncatedTo(ChronoUnit.MICROS);
        refreshTokens.persist(stored);
        return new TokenResponse(access, "Bearer", ACCESS_LIFETIME.toSeconds(), refresh);
    }

    private void requireEnabled() {
        if (!enabled) {
            throw ProblemException.notFound("Built-in token issuer (tokens come from the identity provider)");
        }
    }
}
