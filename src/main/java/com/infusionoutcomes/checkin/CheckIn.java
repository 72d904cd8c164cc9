package com.infusionoutcomes.checkin;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;


@Entity
@Table(name = "check_in")
public class CheckIn {

    @Id
    public UUID id;

    @Column(name = "patient_id", nullable = false)
    public UUID patientId;

    @Column(name = "session_id")
    public UUID sessionId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public CheckInContext context;

    @Column(name = "recorded_at", nullable = false)
    public Instant recordedAt;

    public Integer pain;
    public Integer sleep;
    public Integer mobility;
    public Integer mood;
    public String note;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Convert(converter = CheckInStatus.Column.class)
    @Column(nullable = false)
    public CheckInStatus status = CheckInStatus.FINAL;

    /** When the current version was written, and by whom (null: the service itself, e.g. the demo cohort). */
    @Column(name = "changed_at", nullable = false)
    public Instant changedAt;

    @Column(name = "changed_by")
    public UUID changedBy;

    @Column(name = "changed_by_role")
    public String changedByRole;

    /** 1 for a new check-in; each correction adds one. The ETag of the check-in. */
    @Version
    public long version = 1;

    /** A retry of the same report: everything the client sent is equal (the server's fields aside). */
    /** Whether this is a longitudinal report of pain or mood, the measures the trend rules watch. */
    boolean painOrMoodOverTime() {
        return context != CheckInContext.POST_INFUSION && (pain != null || mood != null);
    }

    boolean sameReportAs(CheckIn other) {
        return patientId.equals(other.patientId) && context == other.context
                && Objects.equals(sessionId, other.sessionId) && recordedAt.equals(other.recordedAt)
                && Objects.equals(pain, other.pain) && Objects.equals(sleep, other.sleep)
                && Objects.equals(mobility, other.mobility) && Objects.equals(mood, other.mood)
                && Objects.equals(note, other.note);
    }
}
