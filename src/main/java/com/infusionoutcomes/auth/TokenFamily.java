package com.infusionoutcomes.auth;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One sign-in and every token descended from it. Its access tokens carry its id (claim {@code fam}), so revoking
 * the family ends them too, not only its refresh tokens.
 */
@Entity
@Table(name = "token_family")
public class TokenFamily {

    @Id
    public UUID id;

    @Column(name = "user_id", nullable = false)
    public UUID userId;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** The absolute end of the sign-in, however often it is refreshed. */
    @Column(name = "expires_at", nullable = false)
    public Instant expiresAt;

    @Column(name = "revoked_at")
    public Instant revokedAt;
}
