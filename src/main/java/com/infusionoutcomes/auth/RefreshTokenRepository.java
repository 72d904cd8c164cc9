package com.infusionoutcomes.auth;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class RefreshTokenRepository implements PanacheRepositoryBase<RefreshToken, String> {

    /**
     * Marks the token used if it is still unused, unrevoked and unexpired; true for exactly one of any number of
     * concurrent callers (the row lock of the update decides, and the losers see it used).
     */
    boolean markUsed(String tokenHash, Instant at) {
        return update("usedAt = ?1 where tokenHash = ?2 and usedAt is null and revokedAt is null and expiresAt > ?1",
                at, tokenHash) == 1;
    }
}
