package com.infusionoutcomes.auth;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class TokenFamilyRepository implements PanacheRepositoryBase<TokenFamily, UUID> {

    /** Not revoked, not past its absolute end, and its account still active. */
    boolean isValid(UUID family) {
        return getEntityManager().createQuery("select count(f) from TokenFamily f, AppUser u where f.id = ?1"
                + " and u.id = f.userId and u.active = true and f.revokedAt is null and f.expiresAt > ?2", Long.class)
                .setParameter(1, family).setParameter(2, Instant.now()).getSingleResult() > 0;
    }

    void revoke(UUID family, Instant at) {
        update("revokedAt = ?1 where id = ?2 and revokedAt is null", at, family);
    }

    void revokeAllOf(UUID userId, Instant at) {
        update("revokedAt = ?1 where userId = ?2 and revokedAt is null", at, userId);
    }
}
