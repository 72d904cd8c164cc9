package com.infusionoutcomes.auth;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.infusionoutcomes.audit.AuditAction;
import com.infusionoutcomes.audit.AuditLog;
import com.infusionoutcomes.audit.AuditOutcome;
import com.infusionoutcomes.caller.Actor;
import com.infusionoutcomes.caller.Caller;
import com.infusionoutcomes.problem.ProblemException;
import com.infusionoutcomes.user.AppUser;
import com.infusionoutcomes.user.Passwords;
import com.infusionoutcomes.user.UserRepository;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.jwt.build.Jwt;

/**
 * Issues access tokens (RS256 JWTs) and rotates refresh tokens. Every sign-in starts a token family; its access
 * tokens name it, so revoking the family (sign-out, a reused refresh token, a new password, a deactivation) ends
 * them too.
 */
@ApplicationScoped
public class TokenService {

    static final Duration ACCESS_LIFETIME = Duration.ofMinutes(15);

    private final UserRepository users;
    private final RefreshTokenRepository refreshTokens;
    private final TokenFamilyRepository families;
    private final TokenRevocation revocation;
    private final SigningKeys keys;
    private final LoginThrottle throttle;
    private final PasswordHashing hashing;
    private final AuditLog audit;

    @ConfigProperty(name = "infusion.auth.issuer")
    String issuer;

    @ConfigProperty(name = "infusion.auth.audience")
    String audience;

    @ConfigProperty(name = "infusion.auth.builtin-issuer.enabled", defaultValue = "true")
    boolean enabled;

    /** A refresh token unused for this long expires: a clinic workstation left signed in is not overnight. */
    @ConfigProperty(name = "infusion.auth.refresh-idle", defaultValue = "PT12H")
    Duration refreshIdle;

    /** A sign-in ends this long after it began, however often it was refreshed. */
    @ConfigProperty(name = "infusion.auth.refresh-absolute", defaultValue = "P7D")
    Duration refreshAbsolute;

    TokenService(UserRepository users, RefreshTokenRepository refreshTokens, TokenFamilyRepository families,
            TokenRevocation revocation, SigningKeys keys, LoginThrottle throttle, PasswordHashing hashing,
            AuditLog audit) {
        this.users = users;
        this.refreshTokens = refreshTokens;
        this.families = families;
        this.revocation = revocation;
        this.keys = keys;
        this.throttle = throttle;
        this.hashing = hashing;
        this.audit = audit;
    }

    /** What sign-in needs of an account, read in a short transaction so none is held while bcrypt runs. */
    private record Account(UUID id, String passwordHash, boolean active, Actor actor) {
    }

    /**
     * Checks the password. An unknown username and a wrong password get the same answer after the same bcrypt
     * work, so neither the body nor the timing tells which usernames exist. The throttle's token is taken
     * before the check; no transaction is open while the password is hashed.
     */
    public TokenResponse login(TokenRequest request, String address) {
        requireEnabled();
        String username = Passwords.normaliseUsername(request.username());
        LoginThrottle.Attempt attempt = throttle.signIn(username, address);
        Account account = QuarkusTransaction.requiringNew().call(() -> users.findByUsername(username)
                .map(u -> new Account(u.id, u.passwordHash, u.active, new Actor(u.id, u.role, u.patientId)))
                .orElse(null));
        boolean matches = hashing.matches(request.password(), account == null ? null : account.passwordHash(),
                attempt);
        if (account == null || !matches || !account.active()) {
            // Who tried is not known, only which account: the actor stays empty.
            QuarkusTransaction.requiringNew().run(() -> audit.account(null, AuditAction.SIGN_IN,
                    account == null ? null : account.id(), account == null ? null : account.actor().patientId(),
                    AuditOutcome.DENIED));
            throw ProblemException.unauthorized("Unknown username or wrong password");
        }
        attempt.giveBack();
        return QuarkusTransaction.requiringNew().call(() -> {
            AppUser user = users.findById(account.id());
            Instant now = now();
            TokenFamily family = new TokenFamily();
            family.id = UUID.randomUUID();
            family.userId = user.id;
            family.createdAt = now;
            family.expiresAt = now.plus(refreshAbsolute);
            families.persist(family);
            audit.account(account.actor(), AuditAction.SIGN_IN, user.id, user.patientId, AuditOutcome.SUCCESS);
            return issue(user, family, now);
        });
    }

    /**
     * Trades a refresh token for a new pair. Of several uses of one token exactly one wins: a conditional update
     * marks it used. Any other use of it revokes its whole family, access tokens included: either the client or
     * an attacker holds a copy, and the legitimate user simply signs in again.
     */
    public TokenResponse refresh(RefreshRequest request, String address) {
        requireEnabled();
        String hash = Secrets.sha256(request.refreshToken());
        LoginThrottle.Attempt attempt = throttle.refresh(hash, address);
        // The revocation must commit even though the request fails, so it runs in its own transaction.
        Object outcome = QuarkusTransaction.requiringNew().call(() -> {
            Instant now = now();
            boolean won = refreshTokens.markUsed(hash, now);
            // Read after the update: a loser of the race then sees the winner's mark.
            RefreshToken token = refreshTokens.findById(hash);
            if (token == null) {
                return null;
            }
            if (won) {
                TokenFamily family = families.findById(token.familyId);
                AppUser user = users.findById(token.userId);
                boolean live = family.revokedAt == null && family.expiresAt.isAfter(now) && user.active;
                return live ? issue(user, family, now) : null;
            }
            if (token.usedAt == null) {
                return null; // expired or revoked, never used
            }
            if (families.findById(token.familyId).revokedAt == null) {
                revocation.revokeFamily(token.familyId);
                AppUser user = users.findById(token.userId);
                audit.account(null, AuditAction.REFRESH_TOKEN_REUSE, user.id, user.patientId, AuditOutcome.DENIED);
            }
            return Boolean.FALSE;
        });
        if (outcome instanceof TokenResponse issued) {
            attempt.giveBack();
            return issued;
        }
        throw ProblemException.unauthorized(Boolean.FALSE.equals(outcome)
                ? "This refresh token was already used; its family is revoked, sign in again"
                : "Unknown, expired or revoked refresh token");
    }

    /**
     * Ends the sign-in the refresh token belongs to, its access tokens included. Answers the same whether or not
     * the token was known, so it tells nothing about tokens.
     */
    public void signOut(RefreshRequest request) {
        requireEnabled();
        String hash = Secrets.sha256(request.refreshToken());
        QuarkusTransaction.requiringNew().run(() -> {
            RefreshToken token = refreshTokens.findById(hash);
            if (token == null || families.findById(token.familyId).revokedAt != null) {
                return;
            }
            revocation.revokeFamily(token.familyId);
            AppUser user = users.findById(token.userId);
            audit.account(new Actor(user.id, user.role, user.patientId), AuditAction.SIGN_OUT, user.id,
                    user.patientId, AuditOutcome.SUCCESS);
        });
    }

    private TokenResponse issue(AppUser user, TokenFamily family, Instant now) {
        var claims = Jwt.issuer(issuer)
                .audience(audience)
                .subject(user.id.toString())
                .upn(user.username)
                .groups(Set.of(user.role.name()))
                .issuedAt(now)
                .expiresAt(now.plus(ACCESS_LIFETIME))
                .claim("jti", UUID.randomUUID().toString())
                .claim(TokenRevocation.FAMILY_CLAIM, family.id.toString());
        if (user.patientId != null) {
            claims.claim(Caller.PATIENT_CLAIM, user.patientId.toString());
        }
        String access = claims.jws().algorithm(io.smallrye.jwt.algorithm.SignatureAlgorithm.RS256).sign(keys.privateKey());

        String refresh = Secrets.token();
        RefreshToken stored = new RefreshToken();
        stored.tokenHash = Secrets.sha256(refresh);
        stored.familyId = family.id;
        stored.userId = user.id;
        stored.createdAt = now;
        Instant idleEnd = now.plus(refreshIdle);
        stored.expiresAt = idleEnd.isBefore(family.expiresAt) ? idleEnd : family.expiresAt;
        refreshTokens.persist(stored);
        return new TokenResponse(access, "Bearer", ACCESS_LIFETIME.toSeconds(), refresh);
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    void requireEnabled() {
        if (!enabled) {
            throw ProblemException.notFound("Built-in token issuer (tokens come from the identity provider)");
        }
    }
}
