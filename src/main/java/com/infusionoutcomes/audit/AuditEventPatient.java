package com.infusionoutcomes.audit;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/**
 * One patient an audit event concerns. A list, panel or export names every patient it showed, so "who saw this
 * patient's data" finds those reads too. Carries the event's time, so that question is answered from this
 * table's key alone. Rows are only ever inserted.
 */
@Entity
@Table(name = "audit_event_patient")
@IdClass(AuditEventPatient.Key.class)
class AuditEventPatient {

    @Id
    @Column(name = "patient_id")
    public UUID patientId;

    @Id
    @Column(name = "at")
    public Instant at;

    @Id
    @Column(name = "event_id")
    public UUID eventId;

    static AuditEventPatient of(AuditEvent event, UUID patientId) {
        AuditEventPatient row = new AuditEventPatient();
        row.patientId = patientId;
        row.at = event.at;
        row.eventId = event.id;
        return row;
    }

    public static class Key implements Serializable {
        UUID patientId;
        Instant at;
        UUID eventId;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(patientId, k.patientId) && Objects.equals(at, k.at)
                    && Objects.equals(eventId, k.eventId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(patientId, at, eventId);
        }
    }
}
