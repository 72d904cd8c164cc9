package com.infusionoutcomes.auth;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A one-time code to choose a new password without signing in; kept as its SHA-256. */
@Entity
@Table(name = "password_reset_code")
public class PasswordResetCode {

    @Id
    @Column(name = "code_hash")
    public String codeHash;

    @Column(name = "user_id", nullable = false)
    public UUID userId;

    @Column(name = "created_by", nullable = false)
    public UUID createdBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "expires_at", nullable = false)
    public Instant expiresAt;

    /** When it was redeemed, or superseded by a newer code for the same account. */
    @Column(name = "used_at")
    public Instant usedAt;
}
