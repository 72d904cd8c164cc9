package com.infusionoutcomes.trend;

import java.time.Instant;
import java.util.Objects;

/**
 * What a clinician asks for. {@code to} bounds every computation (nothing recorded later is seen at all);
 * {@code from} bounds only the series and the slope, so baseline, latest, current, sessions and durability
 * describe the whole course up to {@code to}.
 *
 * @param from inclusive start of the series and slope, or null for the whole course
 * @param to inclusive end of everything; the REST layer defaults it to now
 * @param now the clock: adherence never expects check-ins on days that have not begun
 */
public record TrendQuery(Measure domain, Instant from, Instant to, Instant now, Granularity granularity) {

    public TrendQuery {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(granularity, "granularity");
        if (from != null && from.isAfter(to)) {
            throw new IllegalArgumentException("from " + from + " is after to " + to);
        }
    }
}
