package com.infusionoutcomes.alert;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

@Entity
@Table(name = "alert")
public class Alert {

    @Id
    public UUID id;

    @Column(name = "patient_id", nullable = false)
    public UUID patientId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public AlertRule rule;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public AlertSeverity severity;

    /** The severity's ordinal, so the database can sort most severe first. */
    @Column(name = "severity_rank", nullable = false)
    public int severityRank;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public AlertStatus status;

    /**
     * patientId:rule while the alert is not resolved, null after. A unique constraint on it lets at most one
     * unresolved alert exist per patient and rule, on H2 and PostgreSQL alike (no partial index needed).
     */
    @Column(name = "open_key")
    public String openKey;

    @Column(nullable = false)
    public String detail;

    @Column(name = "source_type", nullable = false)
    public String sourceType;

    @Column(name = "source_id", nullable = false)
    public UUID sourceId;

    @Column(name = "raised_at", nullable = false)
    public Instant raisedAt;

    @Column(name = "last_triggered_at", nullable = false)
    public Instant lastTriggeredAt;

    @Column(name = "trigger_count", nullable = false)
    public int triggerCount;

    /**
     * When the alert's condition stopped holding while the alert was unresolved (a WORSENING trend that recovered,
     * a BOOSTER_DUE that an infusion was scheduled for); null while it holds. Set and cleared by the rules, never
     * by a clinician, and it resolves nothing: the alert keeps its place for a clinician to close.
     */
    @Column(name = "condition_cleared_at")
    public Instant conditionClearedAt;

    @Column(name = "acknowledged_at")
    public Instant acknowledgedAt;

    @Column(name = "acknowledged_by")
    public UUID acknowledgedBy;

    @Column(name = "resolved_at")
    public Instant resolvedAt;

    @Column(name = "resolved_by")
    public UUID resolvedBy;

    @Column(name = "resolution_note")
    public String resolutionNote;

    @Version
    public long version;

    static String openKey(UUID patientId, AlertRule rule) {
        return patientId + ":" + rule.name();
    }
}
