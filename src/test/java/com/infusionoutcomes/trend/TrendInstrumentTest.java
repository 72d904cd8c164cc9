package com.infusionoutcomes.trend;

import static com.infusionoutcomes.trend.Course.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Instrument scores run through the same trend computation as the items; PHQ-9 and GAD-7 are named by their own anchors
 * (WORSENED, REMISSION, RESPONSE, IMPROVED, NO_CHANGE, in that order), each hit exactly at its boundary.
 */
class TrendInstrumentTest {

    @ParameterizedTest(name = "{0}: {1} -> [{2}] is {3}")
    @CsvSource({
            // PHQ-9: the clinically important change is 5 points (Lowe 2004)
            "phq9, 18, 13,     IMPROVED,  27.8",
            "phq9, 18, 14,     NO_CHANGE, 22.2",
            "phq9, 18, 9,      RESPONSE,  50",
            "phq9, 18, 10,     IMPROVED,  44.4",
            "phq9, 18, 4,      REMISSION, 77.8",
            "phq9, 5,  4,      REMISSION, 20",
            "phq9, 4,  3,      NO_CHANGE, 25",
            "phq9, 4,  2,      RESPONSE,  50",
            "phq9, 10, 15,     WORSENED,  -50",
            "phq9, 10, 14,     NO_CHANGE, -40",
            "phq9, 0,  5,      WORSENED,  ",
            "phq9, 0,  4,      NO_CHANGE, ",
            "phq9, 12, 16 18,  WORSENED,  -41.7",
            // GAD-7: 4 points
            "gad7, 10, 14,     WORSENED,  -40",
            "gad7, 10, 13,     NO_CHANGE, -30",
            "gad7, 10, 6,      IMPROVED,  40",
            "gad7, 10, 7,      NO_CHANGE, 30",
            "gad7, 10, 5,      RESPONSE,  50",
            "gad7, 10, 4,      REMISSION, 60",
            // PEG: IMMPACT bands like pain
            "peg,  8,  4,      SUBSTANTIAL, 50",
            "peg,  8,  6,      MINIMAL,   25",
            "peg,  8,  9,      WORSENED,  -12.5",
    })
    void categoryShouldFollowTheInstrumentsAnchors(String instrument, int baseline, String later, Category category,
            String percent) {
        Course course = Course.utc().daily("2026-01-05T20:00:00Z", baseline);
        Instant at = Instant.parse("2026-02-05T08:00:00Z");
        for (String value : later.trim().split(" ")) {
            course.daily(at.toString(), Integer.valueOf(value));
            at = at.plusSeconds(3600);
        }

        Trend trend = course.trend(InstrumentScore.fromPath(instrument).orElseThrow(), "2026-02-06T00:00:00Z");

        assertEquals(instrument, trend.domain().path());
        assertEquals(Direction.LOWER_IS_BETTER, trend.direction());
        assertEquals(percent, text(trend.improvementPercent()));
        assertEquals(category, trend.category());
    }

    @Test
    void pegMeansShouldKeepTheirDecimalsThroughEveryFigure() {
        CompletedSession first = Course.utc().session("2026-02-01T10:00:00Z", "2026-02-01T11:00:00Z");
        Course course = Course.utc()
                .dailyDecimal("2026-01-20T20:00:00Z", "6.33")
                .dailyDecimal("2026-01-27T20:00:00Z", "7.67");
        course.session("2026-02-01T10:00:00Z", "2026-02-01T11:00:00Z");
        course.dailyDecimal("2026-02-03T20:00:00Z", "3.33").dailyDecimal("2026-02-03T21:00:00Z", "4");

        Trend trend = course.trend(InstrumentScore.PEG, "2026-02-05T00:00:00Z");

        assertEquals("7", text(trend.baseline().value())); // (6.33 + 7.67) / 2
        assertEquals("4", text(trend.latest().value()));
        assertEquals("3.67", text(trend.current().value())); // (3.33 + 4) / 2 = 3.665, half-up
        assertEquals("-3.34", text(trend.absoluteChange())); // 3.665 - 7 = -3.335, half-up away from zero
        assertEquals("47.6", text(trend.improvementPercent())); // 3.335 / 7
        assertEquals(Category.MODERATE, trend.category());
        Trend.SeriesPoint day = trend.series().get(2);
        assertEquals("3.33", text(day.min()));
        assertEquals("4", text(day.max()));
        assertEquals("3.67", text(day.mean()));
        // Both values after the infusion are at least 30 % better than 7 (4 is 42.9 %): relief still holds.
        assertEquals(first.sessionId(), trend.sessions().get(0).sessionId());
        assertEquals(Boolean.TRUE, trend.sessions().get(0).durabilityCensored());
    }

    @Test
    void aSingleResponseShouldHaveNoCategoryYet() {
        Trend trend = Course.utc().daily("2026-01-05T20:00:00Z", 14)
                .trend(InstrumentScore.PHQ9, "2026-02-06T00:00:00Z");

        assertEquals(Category.INSUFFICIENT_DATA, trend.category());
        assertEquals("14", text(trend.baseline().value()));
        assertNull(trend.slopePerWeek());
    }
}
