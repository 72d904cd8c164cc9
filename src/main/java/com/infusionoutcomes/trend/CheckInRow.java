package com.infusionoutcomes.trend;

import java.time.Instant;
import java.util.UUID;

import com.infusionoutcomes.checkin.CheckInContext;
import com.infusionoutcomes.checkin.Scores;

/**
 * A check-in as trends read it: only the columns the computation uses, so a long course is read without notes,
 * versions or managed entities. All four scores come along, so one read serves every domain.
 */
public record CheckInRow(UUID patientId, Instant recordedAt, CheckInContext context, UUID sessionId,
        Scores scores) {

    /** The shape of the JPQL constructor expression in {@link TrendRepository}. */
    public CheckInRow(UUID patientId, Instant recordedAt, CheckInContext context, UUID sessionId, Integer pain,
            Integer sleep, Integer mobility, Integer mood) {
        this(patientId, recordedAt, context, sessionId, new Scores(pain, sleep, mobility, mood));
    }

    Observation observation(Domain domain) {
        return Observation.of(recordedAt, context, sessionId, domain.scoreIn(scores));
    }
}
