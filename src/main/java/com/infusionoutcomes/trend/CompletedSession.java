package com.infusionoutcomes.trend;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * An infusion that took place. Only COMPLETED sessions belong here: a scheduled or cancelled one gave no
 * treatment, so it neither starts the course nor ends a durability window.
 *
 * @param number the 1-based position among the patient's completed sessions by startedAt, as the API shows it
 */
public record CompletedSession(UUID sessionId, int number, Instant startedAt, Instant endedAt) {

    public CompletedSession {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(endedAt, "endedAt");
    }
}
