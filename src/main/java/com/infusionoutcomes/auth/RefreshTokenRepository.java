package com.infusionoutcomes.auth;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class RefreshTokenRepository implements PanacheRepositoryBase<RefreshToken, String> {

    void revokeFamily(UUID familyId, Instant at) {
        update("revokedAt = ?1 where familyId = ?2 and revokedAt is null", at, familyId);
    }
}
