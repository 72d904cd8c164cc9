package com.infusionoutcomes.trend;

import java.time.Instant;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;

/**
 * The patient's local calendar day of instants, as {@code LocalDate.ofInstant(at, zone).toEpochDay()}, for a run of
 * instants mostly in increasing order (a year of check-ins): the zone's offset is looked up once and kept until its
 * next transition, instead of once per instant. Not thread-safe: one per computation.
 */
final class LocalDays {

    private static final long SECONDS_PER_DAY = 86_400L;

    private final ZoneRules rules;
    /** The epoch seconds [validFrom, validUntil) over which {@code offset} is the zone's offset. */
    private long validFrom = Long.MAX_VALUE;
    private long validUntil = Long.MIN_VALUE;
    private int offset;

    LocalDays(ZoneId zone) {
        this.rules = zone.getRules();
    }

    long epochDay(Instant at) {
        long second = at.getEpochSecond();
        if (second < validFrom || second >= validUntil) {
            // Offsets change on whole seconds, so every instant of this second has this offset, up to the next
            // transition (an earlier instant looks again).
            offset = rules.getOffset(at).getTotalSeconds();
            ZoneOffsetTransition next = rules.nextTransition(at);
            validFrom = second;
            validUntil = next == null ? Long.MAX_VALUE : next.toEpochSecond();
        }
        return Math.floorDiv(second + offset, SECONDS_PER_DAY);
    }
}
