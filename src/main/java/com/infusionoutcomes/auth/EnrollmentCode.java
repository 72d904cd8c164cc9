package com.infusionoutcomes.auth;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A one-time code a clinic hands to a patient so they can create their own login; kept as its SHA-256. */
@Entity
@Table(name = "enrollment_code")
public class EnrollmentCode {

    @Id
    @Column(name = "code_hash")
    public String codeHash;

    @Column(name = "patient_id", nullable = false)
    public UUID patientId;

    @Column(name = "created_by", nullable = false)
    public UUID createdBy;

    @Column(name = "expires_at", nullable = false)
    public Instant expiresAt;

    @Column(name = "used_at")
    public Instant usedAt;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
