package com.infusionoutcomes.audit;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One access to patient data. Rows are only ever inserted. */
@Entity
@Table(name = "audit_event")
public class AuditEvent {

    @Id
    public UUID id;

    @Column(nullable = false)
    public Instant at;

    @Column(name = "actor_id")
    public UUID actorId;

    @Column(name = "actor_role")
    public String actorRole;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public AuditAction action;

    @Column(name = "resource_type", nullable = false)
    public String resourceType;

    @Column(name = "resource_id")
    public String resourceId;

    @Column(name = "patient_id")
    public UUID patientId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public AuditOutcome outcome;

    @Column(name = "request_id")
    public String requestId;

    @Column(name = "source_ip")
    public String sourceIp;

    /** What the access amounted to, when only known after it ran (an export's row counts); usually null. */
    public String detail;
}
