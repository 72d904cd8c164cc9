package com.infusionoutcomes.user;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import com.infusionoutcomes.caller.Role;

/** A login. Only the bcrypt hash of the password is kept. */
@Entity
@Table(name = "app_user")
public class AppUser {

    @Id
    public UUID id;

    @Column(nullable = false, length = 64)
    public String username;

    @Column(name = "password_hash", nullable = false)
    public String passwordHash;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Role role;

    @Column(name = "display_name", nullable = false)
    public String displayName;

    /** The patient record a PATIENT login belongs to; null for staff. */
    @Column(name = "patient_id")
    public UUID patientId;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** A deactivated account cannot sign in, and every token it holds stops working. */
    @Column(nullable = false)
    public boolean active = true;
}
