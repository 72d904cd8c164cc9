package com.infusionoutcomes.session;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

@Entity
@Table(name = "infusion_session")
public class InfusionSession {

    @Id
    public UUID id;

    @Column(name = "patient_id", nullable = false)
    public UUID patientId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public SessionStatus status;

    @Column(name = "scheduled_at")
    public Instant scheduledAt;

    @Column(name = "started_at")
    public Instant startedAt;

    @Column(name = "ended_at")
    public Instant endedAt;

    @Column(name = "weight_kg")
    public BigDecimal weightKg;

    @Column(name = "dose_mg_per_kg")
    public BigDecimal doseMgPerKg;

    @Column(name = "total_dose_mg")
    public BigDecimal totalDoseMg;

    @Column(name = "rate_mg_per_kg_per_hour")
    public BigDecimal rateMgPerKgPerHour;

    public String notes;

    @ElementCollection
    @CollectionTable(name = "session_vital", joinColumns = @JoinColumn(name = "session_id"))
    @OrderColumn(name = "list_index")
    public List<Vital> vitals = new ArrayList<>();

    @ElementCollection
    @CollectionTable(name = "session_side_effect", joinColumns = @JoinColumn(name = "session_id"))
    @OrderColumn(name = "list_index")
    public List<Effect> sideEffects = new ArrayList<>();

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** 1 for a new session; each change adds one. The ETag of the session. */
    @Version
    public long version = 1;

    @Embeddable
    public static class Vital {
        @Column(name = "measured_at", nullable = false)
        public Instant at;
        public Integer systolic;
        public Integer diastolic;
        @Column(name = "heart_rate")
        public Integer heartRate;
        public Integer spo2;
    }

    @Embeddable
    public static class Effect {
        @Enumerated(EnumType.STRING)
        @Column(nullable = false)
        public SideEffectType type;
        @Enumerated(EnumType.STRING)
        @Column(nullable = false)
        public Severity severity;
        public String note;
    }
}
