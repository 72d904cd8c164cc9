package com.infusionoutcomes.trend;

import static com.infusionoutcomes.trend.Course.at;
import static com.infusionoutcomes.trend.Course.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * A course in America/New_York across both 2026 clock changes (March 8 and November 1): a late-evening check-in
 * belongs to the patient's own date and week, whatever the UTC date and whatever the offset that day.
 */
class TrendDaylightSavingTest {

    private static Course newYorkCourse() {
        return Course.in("America/New_York")
                .daily("2026-03-08T04:30:00Z", 5) // Sat 2026-03-07 23:30 EST
                .daily("2026-03-08T05:30:00Z", 6) // Sun 2026-03-08 00:30 EST, before the 02:00 jump
                .daily("2026-03-09T03:30:00Z", 4) // Sun 2026-03-08 23:30 EDT
                .daily("2026-11-01T03:30:00Z", 3) // Sat 2026-10-31 23:30 EDT
                .daily("2026-11-02T04:30:00Z", 2); // Sun 2026-11-01 23:30 EST
    }

    private static Trend.SeriesPoint point(String period, String mean, int min, int max, int n) {
        return new Trend.SeriesPoint(LocalDate.parse(period), new BigDecimal(mean), BigDecimal.valueOf(min), BigDecimal.valueOf(max), n);
    }

    @Test
    void dayShouldBeThePatientsLocalDateOnBothSidesOfEachClockChange() {
        Trend trend = newYorkCourse().trend(new TrendQuery(Domain.PAIN, null, at("2026-11-03T00:00:00Z"),
                at("2026-11-03T00:00:00Z"), Granularity.DAY));

        assertEquals(List.of(point("2026-03-07", "5", 5, 5, 1), point("2026-03-08", "5", 4, 6, 2),
                point("2026-10-31", "3", 3, 3, 1), point("2026-11-01", "2", 2, 2, 1)), trend.series());
    }

    @Test
    void weekShouldBeThePatientsLocalIsoWeekEvenWhenUtcIsAlreadyMonday() {
        Trend trend = newYorkCourse().trend(new TrendQuery(Domain.PAIN, null, at("2026-11-03T00:00:00Z"),
                at("2026-11-03T00:00:00Z"), Granularity.WEEK));

        assertEquals(List.of(point("2026-03-02", "5", 4, 6, 3), point("2026-10-26", "2.5", 2, 3, 2)),
                trend.series());
    }

    @Test
    void adherenceShouldCountLocalDaysAcrossTheSpringChange() {
        Course course = Course.in("America/New_York").enrolledAt("2026-03-07T05:00:00Z") // Mar 7 00:00 EST
                .daily("2026-03-09T03:30:00Z", 4); // Mar 8 23:30 EDT: Mar 9 in UTC

        Trend trend = course.trend(Domain.PAIN, "2026-03-09T03:59:00Z"); // Mar 8 23:59 EDT

        assertEquals(new Trend.Adherence(2, 1, new BigDecimal("0.5")), trend.adherence());
    }

    @Test
    void durabilityShouldBeElapsedTimeNotWallClockTimeAcrossTheSpringChange() {
        Course course = Course.in("America/New_York")
                .daily("2026-03-01T17:00:00Z", 8).daily("2026-03-02T17:00:00Z", 8);
        course.session("2026-03-07T16:00:00Z", "2026-03-07T17:00:00Z"); // ends Sat 12:00 EST
        course.daily("2026-03-08T22:00:00Z", 7); // Sun 18:00 EDT: 30 h on the wall clock, 29 h elapsed

        Trend.SessionEffect effect = course.trend(Domain.PAIN, "2026-03-09T00:00:00Z").sessions().get(0);

        assertEquals("1.2", text(effect.durabilityDays())); // 29 / 24 = 1.208
        assertFalse(effect.durabilityCensored());
    }
}
