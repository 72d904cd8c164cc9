package com.infusionoutcomes.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.infusionoutcomes.trend.Category;
import com.infusionoutcomes.trend.Direction;
import com.infusionoutcomes.trend.Domain;
import com.infusionoutcomes.trend.Granularity;
import com.infusionoutcomes.trend.Trend;

/** The chart's geometry as a plain function of a trend: no HTTP, no database. */
class TrendChartTest {

    private static final ZoneId ZONE = ZoneId.of("America/Chicago");
    private static final LocalDate FIRST = LocalDate.of(2026, 3, 2);
    private static final TrendChart.Box PLOT = TrendChart.PLOT;

    private static Trend.SeriesPoint point(int day, String mean, int n) {
        return new Trend.SeriesPoint(FIRST.plusDays(day), new BigDecimal(mean), BigDecimal.ZERO, BigDecimal.TEN, n);
    }

    private static Trend.SessionEffect infusion(int number, String localStart) {
        Instant start = java.time.LocalDateTime.parse(localStart).atZone(ZONE).toInstant();
        return new Trend.SessionEffect(UUID.randomUUID(), number, start, null, null, null, null, null, null);
    }

    private static Trend trend(Domain domain, String baseline, List<Trend.SeriesPoint> series,
            List<Trend.SessionEffect> sessions) {
        return new Trend(UUID.randomUUID(), domain, domain.direction(), null, Instant.now(), Granularity.DAY,
                baseline == null ? null : new Trend.Baseline(new BigDecimal(baseline), null, 1), null, null, null,
                null, Category.INSUFFICIENT_DATA, null, series, sessions, null, null);
    }

    private static double[] xy(String point) {
        String[] parts = point.split(",");
        return new double[] { Double.parseDouble(parts[0]), Double.parseDouble(parts[1]) };
    }

    @Test
    void shouldPlaceEveryDayAndInfusionInsideThePlot() {
        List<Trend.SeriesPoint> series = new ArrayList<>();
        for (int day = 0; day < 30; day++) {
            series.add(point(day, day % 2 == 0 ? "0" : "10", 1)); // the scale's very ends
        }
        TrendChart.Span span = TrendChart.Span.of(FIRST, FIRST.plusDays(29), ZONE);
        TrendChart chart = TrendChart.of(trend(Domain.PAIN, "7.5", series,
                List.of(infusion(1, "2026-03-02T00:00"), infusion(2, "2026-03-31T23:59"))), Domain.PAIN, span);

        assertEquals(30, chart.daily().size());
        for (TrendChart.Dot dot : chart.daily()) {
            assertTrue(PLOT.contains(Double.parseDouble(dot.x()), Double.parseDouble(dot.y())), dot.toString());
        }
        assertEquals(String.valueOf(PLOT.bottom()).replace(".0", ""), chart.daily().get(0).y(), "0 on the axis");
        assertEquals(String.valueOf(PLOT.y()).replace(".0", ""), chart.daily().get(1).y(), "10 at the top");
        for (String line : chart.dailyLines()) {
            for (String p : line.split(" ")) {
                assertTrue(PLOT.contains(xy(p)[0], xy(p)[1]), p);
            }
        }
        assertEquals(2, chart.markers().size());
        assertEquals(PLOT.x(), Double.parseDouble(chart.markers().get(0).x()), 0.05, "midnight of the first day");
        assertTrue(Double.parseDouble(chart.markers().get(1).x()) <= PLOT.right(), "the last minute of the last day");
        // 7.5 on a 0-10 scale is a quarter of the way down from the top.
        assertEquals(PLOT.y() + PLOT.height() / 4, Double.parseDouble(chart.baselineY()), 0.05);
        assertEquals("baseline 7.5", chart.baselineLabel());
    }

    @Test
    void shouldBreakTheLinesWhereThePatientStoppedReporting() {
        List<Trend.SeriesPoint> series = List.of(point(0, "5", 1), point(1, "5", 1), point(2, "5", 1),
                point(6, "4", 1), point(7, "4", 1), point(12, "3", 1));
        TrendChart chart = TrendChart.of(trend(Domain.MOOD, "5", series, List.of()), Domain.MOOD,
                TrendChart.Span.of(FIRST, FIRST.plusDays(20), ZONE));
        // days 2 -> 6 is a gap of 3 missed days (joined); 7 -> 12 is 4 missed days (broken); a lone day is a dot
        assertEquals(1, chart.dailyLines().size());
        assertEquals(5, chart.dailyLines().get(0).split(" ").length);
        assertEquals(6, chart.daily().size(), "every day keeps its dot");
        assertEquals(chart.dailyLines().size(), chart.weeklyMeanLines().size());
    }

    @Test
    void shouldAverageTheSevenDaysEndingOnEachDayByTheirCounts() {
        List<Trend.SeriesPoint> series = List.of(point(0, "2", 1), point(3, "5", 3), point(6, "8", 2),
                point(7, "10", 1));
        assertEquals(2, TrendChart.sevenDayMean(series, 0), 1e-9);
        assertEquals((2 + 15) / 4.0, TrendChart.sevenDayMean(series, 1), 1e-9);
        assertEquals((2 + 15 + 16) / 6.0, TrendChart.sevenDayMean(series, 2), 1e-9, "days 0-6");
        assertEquals((15 + 16 + 10) / 6.0, TrendChart.sevenDayMean(series, 3), 1e-9, "day 0 has left the window");
    }

    @Test
    void shouldLabelOnlyInfusionsWhoseNumbersDoNotOverlap() {
        TrendChart chart = TrendChart.of(trend(Domain.PAIN, null, List.of(),
                List.of(infusion(1, "2026-03-02T09:00"), infusion(2, "2026-03-02T15:00"),
                        infusion(3, "2026-03-10T09:00"))),
                Domain.PAIN, TrendChart.Span.of(FIRST, FIRST.plusDays(59), ZONE));
        assertEquals(List.of(true, false, true), chart.markers().stream().map(TrendChart.Marker::labelled).toList());
        assertNull(chart.baselineY(), "no baseline without values");
        assertTrue(chart.daily().isEmpty() && chart.dailyLines().isEmpty());
    }

    @Test
    void shouldExplainTheScaleInTheDomainsOwnWords() {
        TrendChart pain = TrendChart.of(trend(Domain.PAIN, null, List.of(), List.of()), Domain.PAIN,
                TrendChart.Span.of(FIRST, FIRST, ZONE));
        assertEquals("10 = worst pain imaginable", pain.scale().anchorTen());
        assertEquals("0 = no pain", pain.scale().anchorZero());
        assertEquals("lower is better", pain.scale().betterLabel());
        assertTrue(Double.parseDouble(pain.scale().arrowToY()) > Double.parseDouble(pain.scale().arrowFromY()),
                "the arrow points down, toward 0");
        TrendChart sleep = TrendChart.of(trend(Domain.SLEEP, null, List.of(), List.of()), Domain.SLEEP,
                TrendChart.Span.of(FIRST, FIRST, ZONE));
        assertEquals("10 = best possible sleep", sleep.scale().anchorTen());
        assertEquals("higher is better", sleep.scale().betterLabel());
        assertTrue(Double.parseDouble(sleep.scale().arrowToY()) < Double.parseDouble(sleep.scale().arrowFromY()));
        assertEquals(List.of("0", "2", "4", "6", "8", "10"), pain.yTicks().stream().map(TrendChart.Tick::label).toList());
        assertEquals(Direction.LOWER_IS_BETTER, Domain.PAIN.direction());
    }

    @Test
    void shouldSpanAtLeastTwoWeeksAndKeepDateLabelsFewAndInside() {
        assertEquals(14, TrendChart.Span.of(FIRST, FIRST, ZONE).days());
        for (int days : new int[] { 1, 9, 16, 30, 65, 100, 130, 200, 400, 900, 2000 }) {
            TrendChart.Span span = TrendChart.Span.of(FIRST, FIRST.plusDays(days - 1), ZONE);
            List<TrendChart.Tick> ticks = TrendChart.timeTicks(span);
            assertFalse(ticks.isEmpty(), days + " days");
            assertTrue(ticks.size() <= 10, days + " days: " + ticks.size() + " labels");
            for (TrendChart.Tick tick : ticks) {
                double x = Double.parseDouble(tick.at());
                assertTrue(x >= PLOT.x() && x <= PLOT.right(), days + " days: " + tick);
            }
        }
    }
}
