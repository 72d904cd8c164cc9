package com.infusionoutcomes.auth;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.infusionoutcomes.user.SignInsEnded;
import com.infusionoutcomes.user.UserRepository;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;

/**
 * Ends access tokens before they expire. Each access token names its sign-in (claim {@code fam}); a request is
 * refused when that family was revoked (sign-out, refresh-token reuse, a new password) or its account was
 * deactivated. The answer is cached per family for a few seconds, so the check costs a database read per family
 * per period, not per request. On the instance that revoked, the cache is cleared at commit: the end is
 * immediate there, and takes at most one period on the other instances.
 */
@ApplicationScoped
public class TokenRevocation implements SecurityIdentityAugmentor {

    static final String FAMILY_CLAIM = "fam";

    private final TokenFamilyRepository families;
    private final UserRepository users;
    private final TransactionSynchronizationRegistry transactions;
    private final Cache<UUID, Boolean> familyValid;
    private final Cache<UUID, Boolean> userActive;

    @ConfigProperty(name = "infusion.auth.builtin-issuer.enabled", defaultValue = "true")
    boolean builtinIssuer;

    TokenRevocation(TokenFamilyRepository families, UserRepository users,
            TransactionSynchronizationRegistry transactions,
            @ConfigProperty(name = "infusion.auth.revocation-check-every", defaultValue = "PT10S") Duration every) {
        this.families = families;
        this.users = users;
        this.transactions = transactions;
        this.familyValid = Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(every).build();
        this.userActive = Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(every).build();
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (!builtinIssuer || identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            return Uni.createFrom().item(identity);
        }
        Boolean known = allows(token, false);
        if (known != null) {
            // The usual case, answered on the calling thread: no hop to a worker, no database.
            return known ? Uni.createFrom().item(identity)
                    : Uni.createFrom().failure(new AuthenticationFailedException("revoked"));
        }
        return context.runBlocking(() -> {
            if (!allows(token, true)) {
                throw new AuthenticationFailedException("revoked");
            }
            return identity;
        });
    }

    /** Whether the token may be used; with {@code load} false, null when the answer is not cached. */
    private Boolean allows(JsonWebToken token, boolean load) {
        try {
            Object family = token.getClaim(FAMILY_CLAIM);
            if (family != null) {
                UUID id = UUID.fromString(family.toString());
                return load ? familyValid.get(id, f -> QuarkusTransaction.requiringNew().call(() -> families.isValid(f)))
                        : familyValid.getIfPresent(id);
            }
            // Issued before token families existed (at most one access lifetime ago): the account decides.
            UUID user = UUID.fromString(token.getSubject());
            return load ? userActive.get(user, u -> QuarkusTransaction.requiringNew()
                    .call(() -> users.findByIdOptional(u).map(a -> a.active).orElse(false)))
                    : userActive.getIfPresent(user);
        } catch (IllegalArgumentException | NullPointerException e) {
            return false;
        }
    }

    /** Revokes one sign-in: its refresh tokens and its access tokens. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void revokeFamily(UUID family) {
        families.revoke(family, now());
        forgetAtCommit();
    }

    @Transactional(Transactional.TxType.MANDATORY)
    void revokeAll(@Observes SignInsEnded ended) {
        families.revokeAllOf(ended.userId(), now());
        forgetAtCommit();
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    /**
     * Clears the cached answers once the revocation is committed: cleared before, a request in between could
     * cache the old answer again.
     */
    private void forgetAtCommit() {
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    familyValid.invalidateAll();
                    userActive.invalidateAll();
                }
            }
        });
    }
}
