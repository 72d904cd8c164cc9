package com.infusionoutcomes.trend;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;
import java.util.UUID;

/**
 * The patient a trend is about: the zone that decides which day and week a check-in belongs to, and the
 * enrolment that starts the days on which a check-in is expected.
 */
public record Subject(UUID patientId, ZoneId timezone, Instant enrolledAt) {

    public Subject {
        Objects.requireNonNull(patientId, "patientId");
        Objects.requireNonNull(timezone, "timezone");
        Objects.requireNonNull(enrolledAt, "enrolledAt");
    }
}
