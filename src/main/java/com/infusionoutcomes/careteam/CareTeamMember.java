package com.infusionoutcomes.careteam;

import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** A clinician (or any account) on a patient's care team: what lets a clinician see that patient. */
@Entity
@Table(name = "care_team_member")
@IdClass(CareTeamMember.Key.class)
public class CareTeamMember {

    @Id
    @Column(name = "patient_id")
    public UUID patientId;

    @Id
    @Column(name = "user_id")
    public UUID userId;

    @Column(name = "added_at", nullable = false)
    public Instant addedAt;

    public static class Key implements Serializable {
        public UUID patientId;
        public UUID userId;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && java.util.Objects.equals(patientId, k.patientId)
                    && java.util.Objects.equals(userId, k.userId);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(patientId, userId);
        }
    }
}
