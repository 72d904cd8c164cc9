package com.infusionoutcomes.trend;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.infusionoutcomes.checkin.CheckInContext;

/**
 * The unrounded baseline of a trend, and whether anything was recorded after it to compare with.
 *
 * @param followedUp a longitudinal value outside the baseline was recorded after S (PRE_TREATMENT_MEAN), or
 *        after the first value's recordedAt (FIRST_VALUE); without one the change is not a treatment effect and
 *        the category is INSUFFICIENT_DATA
 */
record BaselineEstimate(Fraction value, BaselineMethod method, int n, boolean followedUp) {

    static final Duration WINDOW = Duration.ofDays(14);

    /**
     * @param longitudinal the longitudinal values up to {@code to}, by recordedAt
     * @param first the first completed session up to {@code to}, or null
     * @return null when there is no longitudinal value at all
     */
    static BaselineEstimate of(List<Observation> longitudinal, CompletedSession first) {
        if (longitudinal.isEmpty()) {
            return null;
        }
        if (first != null) {
            Instant s = first.startedAt();
            // One pass over distinct check-ins, so a pre-infusion value inside the window is counted once.
            Fraction sum = Fraction.of(0);
            int n = 0;
            boolean followedUp = false;
            for (Observation o : longitudinal) {
                if (isBaselineValue(o, first)) {
                    sum = sum.plus(o.value());
                    n++;
                } else if (o.recordedAt().isAfter(s)) {
                    followedUp = true;
                }
            }
            if (n > 0) {
                return new BaselineEstimate(sum.dividedBy(Fraction.of(n)), BaselineMethod.PRE_TREATMENT_MEAN, n,
                        followedUp);
            }
        }
        Observation firstValue = longitudinal.get(0);
        // By recordedAt: anything later than the first value is the last one.
        boolean followedUp = longitudinal.get(longitudinal.size() - 1).recordedAt().isAfter(firstValue.recordedAt());
        return new BaselineEstimate(firstValue.value(), BaselineMethod.FIRST_VALUE, 1, followedUp);
    }

    /** Whether a value counts towards a PRE_TREATMENT_MEAN: in [S - 14 days, S], or the first session's PRE value. */
    static boolean isBaselineValue(Observation o, CompletedSession first) {
        return inWindow(o.recordedAt(), first) || o.isValueOf(CheckInContext.PRE_INFUSION, first.sessionId());
    }

    /** Whether an instant is in the baseline window [S - 14 days, S] of the first session. */
    static boolean inWindow(Instant at, CompletedSession first) {
        Instant s = first.startedAt();
        return !at.isBefore(s.minus(WINDOW)) && !at.isAfter(s);
    }
}
