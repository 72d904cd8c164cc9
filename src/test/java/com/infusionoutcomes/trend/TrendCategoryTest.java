package com.infusionoutcomes.trend;

import static com.infusionoutcomes.trend.Course.text;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** improvementPercent and its IMMPACT band, domain-aware, with each boundary hit exactly. */
class TrendCategoryTest {

    /**
     * The baseline is the first value (no session); the later values, a month on, make up the whole current
     * window, so the percent is exact by construction.
     */
    @ParameterizedTest(name = "{0}: {1} -> [{2}] is {3} % {4}")
    @CsvSource({
            "pain,     10, 5,        50,   SUBSTANTIAL",
            "pain,     10, 5 6,      45,   MODERATE",
            "pain,     10, 7,        30,   MODERATE",
            "pain,     10, 7 8,      25,   MINIMAL",
            "pain,     10, 9,        10,   MINIMAL",
            "pain,     10, 9 10,     5,    NO_CHANGE",
            "pain,     10, 10,       0,    NO_CHANGE",
            "pain,     9,  9 10,     -5.6, NO_CHANGE",
            "pain,     5,  5 6,      -10,  WORSENED",
            "pain,     4,  2,        50,   SUBSTANTIAL",
            "pain,     4,  6,        -50,  WORSENED",
            "sleep,    4,  6,        50,   SUBSTANTIAL",
            "sleep,    4,  2,        -50,  WORSENED",
            "sleep,    5,  6 7,      30,   MODERATE",
            "sleep,    5,  5 6,      10,   MINIMAL",
            "sleep,    10, 9 10,     -5,   NO_CHANGE",
            "sleep,    10, 9,        -10,  WORSENED",
            "mobility, 2,  3,        50,   SUBSTANTIAL",
            "mood,     6,  5 6 6,    -5.6, NO_CHANGE",
    })
    void categoryShouldFollowTheImmpactBandsInTheDomainsDirection(String domain, int baseline, String later,
            String percent, Category category) {
        Course course = Course.utc().daily("2026-01-05T20:00:00Z", baseline);
        Instant at = Instant.parse("2026-02-05T08:00:00Z");
        for (String value : later.trim().split(" ")) {
            course.daily(at.toString(), Integer.valueOf(value));
            at = at.plusSeconds(3600);
        }

        Trend trend = course.trend(Domain.fromPath(domain).orElseThrow(), "2026-02-06T00:00:00Z");

        assertEquals(percent, text(trend.improvementPercent()));
        assertEquals(category, trend.category());
    }

    @Test
    void categoryShouldBeDecidedOnTheUnroundedPercent() {
        // baseline 31/4, current 38/7: 65/217 = 29.954 % is shown as 30.0 but is not yet MODERATE
        Course almostModerate = withWindowBaselineAndCurrent(new int[] { 8, 8, 8, 7 },
                new int[] { 6, 6, 6, 5, 5, 5, 5 });
        Trend trend = almostModerate.trend(Domain.PAIN, "2026-02-17T00:00:00Z");
        assertEquals("30", text(trend.improvementPercent()));
        assertEquals(Category.MINIMAL, trend.category());

        // baseline 33/4, current 52/7: 9.957 % is shown as 10.0 but is not yet MINIMAL
        Course almostMinimal = withWindowBaselineAndCurrent(new int[] { 9, 8, 8, 8 },
                new int[] { 8, 8, 8, 7, 7, 7, 7 });
        trend = almostMinimal.trend(Domain.PAIN, "2026-02-17T00:00:00Z");
        assertEquals("10", text(trend.improvementPercent()));
        assertEquals(Category.NO_CHANGE, trend.category());
    }

    /** Baseline from the 14 days before a session on 2026-02-01; current from one value a day 2026-02-10..16. */
    private static Course withWindowBaselineAndCurrent(int[] baseline, int[] current) {
        Course course = Course.utc();
        course.session("2026-02-01T10:00:00Z", "2026-02-01T11:00:00Z");
        Instant at = Instant.parse("2026-01-20T20:00:00Z");
        for (int value : baseline) {
            course.daily(at.toString(), value);
            at = at.plusSeconds(86_400);
        }
        at = Instant.parse("2026-02-10T20:00:00Z");
        for (int value : current) {
            course.daily(at.toString(), value);
            at = at.plusSeconds(86_400);
        }
        return course;
    }
}
