package com.infusionoutcomes.trend;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;

/** How the series is bucketed, always in the patient's own time zone. */
public enum Granularity {
    /** The patient's local calendar date. */
    DAY,
    /** The ISO week (Monday to Sunday), named by the date of its Monday. */
    WEEK;

    /** The bucket a moment falls in: an evening check-in belongs to the patient's evening, not to UTC's morning. */
    public LocalDate period(Instant at, ZoneId zone) {
        LocalDate day = LocalDate.ofInstant(at, zone);
        return this == DAY ? day : day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

    /** {@link #period} on epoch days: the bucket of a local day, as the epoch day the bucket is named by. */
    long period(long epochDay) {
        // Day 0, 1970-01-01, was a Thursday: three days after a Monday.
        return this == DAY ? epochDay : epochDay - Math.floorMod(epochDay + 3, 7);
    }
}
