package com.infusionoutcomes.auth;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class PasswordResetCodeRepository implements PanacheRepositoryBase<PasswordResetCode, String> {

    /** True for exactly one of any number of concurrent redemptions of a valid code. */
    boolean markUsed(String codeHash, Instant at) {
        return update("usedAt = ?1 where codeHash = ?2 and usedAt is null and expiresAt > ?1", at, codeHash) == 1;
    }

    /** A new code replaces the account's older ones. */
    void supersede(UUID userId, Instant at) {
        update("usedAt = ?1 where userId = ?2 and usedAt is null", at, userId);
    }
}
