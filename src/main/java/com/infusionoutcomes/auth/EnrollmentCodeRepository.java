package com.infusionoutcomes.auth;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class EnrollmentCodeRepository implements PanacheRepositoryBase<EnrollmentCode, String> {

    /** True for exactly one of any number of concurrent redemptions of a valid code. */
    boolean markUsed(String codeHash, Instant at) {
        return update("usedAt = ?1 where codeHash = ?2 and usedAt is null and expiresAt > ?1", at, codeHash) == 1;
    }
}
