package com.infusionoutcomes.trend;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import com.infusionoutcomes.checkin.CheckInContext;

/**
 * One check-in as the trend of one domain sees it. Pass every check-in of the patient, also those without a
 * score for this domain ({@code value} null): they still count as days the patient reported.
 *
 * @param sessionId the infusion a PRE_INFUSION or POST_INFUSION check-in belongs to; null for DAILY
 * @param value this domain's 0-10 score (or the instrument's score), or null when the check-in did not include it
 */
public record Observation(Instant recordedAt, CheckInContext context, UUID sessionId, Fraction value) {

    public Observation {
        Objects.requireNonNull(recordedAt, "recordedAt");
        Objects.requireNonNull(context, "context");
    }

    /** An observation of a 0-10 item or of an integer total. */
    static Observation of(Instant recordedAt, CheckInContext context, UUID sessionId, Integer value) {
        return new Observation(recordedAt, context, sessionId, value == null ? null : Fraction.of(value));
    }

    /** DAILY and PRE_INFUSION values; a POST_INFUSION value shows only its infusion's acute effect. */
    boolean isLongitudinal() {
        return value != null && context != CheckInContext.POST_INFUSION;
    }

    boolean isValueOf(CheckInContext wanted, UUID session) {
        return value != null && context == wanted && session.equals(sessionId);
    }
}
