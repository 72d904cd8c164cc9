package com.infusionoutcomes.trend;

import static com.infusionoutcomes.trend.Course.at;
import static com.infusionoutcomes.trend.Course.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The series, the slope, and what {@code from} and {@code to} each bound. */
class TrendSeriesTest {

    private static Trend.SeriesPoint point(String period, String mean, int min, int max, int n) {
        return new Trend.SeriesPoint(LocalDate.parse(period), new BigDecimal(mean), BigDecimal.valueOf(min), BigDecimal.valueOf(max), n);
    }

    private static Trend query(Course course, String from, String to, Granularity granularity) {
        return course.trend(new TrendQuery(Domain.PAIN, from == null ? null : at(from), at(to), at(to), granularity));
    }

    @Test
    void seriesShouldBucketByDayAndLeaveOutEmptyDaysAndPostValues() {
        Course course = Course.utc();
        CompletedSession first = course.session("2026-01-06T10:00:00Z", "2026-01-06T11:00:00Z");
        course.daily("2026-01-05T08:00:00Z", 6).daily("2026-01-05T20:00:00Z", 7)
                .pre(first, "2026-01-06T09:50:00Z", 8).post(first, "2026-01-06T11:10:00Z", 1)
                .daily("2026-01-08T12:00:00Z", 5);

        Trend trend = query(course, null, "2026-01-09T00:00:00Z", Granularity.DAY);

        assertEquals(List.of(point("2026-01-05", "6.5", 6, 7, 2), point("2026-01-06", "8", 8, 8, 1),
                point("2026-01-08", "5", 5, 5, 1)), trend.series());
    }

    @Test
    void seriesShouldBucketByIsoWeekNamedByItsMonday() {
        Course course = Course.utc()
                .daily("2026-01-04T20:00:00Z", 3) // Sunday: the week of Monday 2025-12-29
                .daily("2026-01-05T08:00:00Z", 6) // Monday
                .daily("2026-01-11T22:00:00Z", 7) // Sunday of the same week
                .daily("2026-01-12T00:30:00Z", 2) // the next Monday
                .daily("2026-01-14T12:00:00Z", 4);

        Trend trend = query(course, null, "2026-01-15T00:00:00Z", Granularity.WEEK);

        assertEquals(List.of(point("2025-12-29", "3", 3, 3, 1), point("2026-01-05", "6.5", 6, 7, 2),
                point("2026-01-12", "3", 2, 4, 2)), trend.series());
    }

    @Test
    void seriesMeanShouldRoundHalfUpToTwoDecimals() {
        Course course = Course.utc();
        // 1 + 2 + 2 + 2 + 2 + 2 + 2 + 2 = 15 over 8 values: 1.875, reported 1.88
        for (int hour = 0; hour < 8; hour++) {
            course.daily(String.format("2026-01-05T%02d:00:00Z", hour), hour == 0 ? 1 : 2);
        }

        Trend trend = query(course, null, "2026-01-06T00:00:00Z", Granularity.DAY);

        assertEquals(List.of(point("2026-01-05", "1.88", 1, 2, 8)), trend.series());
    }

    @Test
    void slopeShouldBeExactOnAPerfectLine() {
        Course course = Course.utc()
                .daily("2026-01-01T08:00:00Z", 8).daily("2026-01-03T08:00:00Z", 7)
                .daily("2026-01-05T08:00:00Z", 6).daily("2026-01-07T08:00:00Z", 5);

        assertEquals("-3.5", text(query(course, null, "2026-01-08T00:00:00Z", Granularity.DAY).slopePerWeek()));
    }

    @Test
    void slopeShouldBeExactOnAPerfectLineWithUnevenSpacing() {
        Course course = Course.utc()
                .daily("2026-01-01T08:00:00Z", 2).daily("2026-01-04T20:00:00Z", 4) // 3.5 days later
                .daily("2026-01-08T08:00:00Z", 6);

        assertEquals("4", text(query(course, null, "2026-01-09T00:00:00Z", Granularity.DAY).slopePerWeek()));
    }

    @Test
    void slopeShouldBeTheLeastSquaresFitOfScatteredValues() {
        // days 0, 1, 4 and values 3, 5, 4: sum dx dy = 1, sum dx^2 = 26/3, so 3/26 per day and 21/26 per week
        Course course = Course.utc()
                .daily("2026-01-01T08:00:00Z", 3).daily("2026-01-02T08:00:00Z", 5)
                .daily("2026-01-05T08:00:00Z", 4);

        assertEquals("0.81", text(query(course, null, "2026-01-06T00:00:00Z", Granularity.DAY).slopePerWeek()));
    }

    @Test
    void slopeShouldBeNullWithFewerThanThreeValues() {
        Course course = Course.utc().daily("2026-01-01T08:00:00Z", 8).daily("2026-01-02T08:00:00Z", 2);

        assertNull(query(course, null, "2026-01-03T00:00:00Z", Granularity.DAY).slopePerWeek());
    }

    @Test
    void slopeShouldBeNullWhenAllValuesShareOneInstant() {
        Course course = Course.utc();
        CompletedSession first = course.session("2026-01-01T09:00:00Z", "2026-01-01T10:00:00Z");
        course.daily("2026-01-01T08:00:00Z", 8).daily("2026-01-01T08:00:00Z", 6)
                .pre(first, "2026-01-01T08:00:00Z", 7);

        assertNull(query(course, null, "2026-01-02T00:00:00Z", Granularity.DAY).slopePerWeek());
    }

    @Test
    void fromShouldNarrowOnlySeriesAndSlopeAndToShouldHideEverythingLater() {
        Course course = Course.utc().enrolledAt("2026-01-01T00:00:00Z")
                .daily("2026-01-01T20:00:00Z", 8).daily("2026-01-02T20:00:00Z", 8);
        course.session("2026-01-03T10:00:00Z", "2026-01-03T11:00:00Z");
        course.daily("2026-01-04T20:00:00Z", 4).daily("2026-01-05T20:00:00Z", 5)
                .daily("2026-01-06T20:00:00Z", 6)
                .daily("2026-01-07T20:00:00Z", 1); // after to

        Trend trend = course.trend(new TrendQuery(Domain.PAIN, at("2026-01-04T00:00:00Z"),
                at("2026-01-06T23:00:00Z"), at("2026-01-10T00:00:00Z"), Granularity.DAY));

        assertEquals(at("2026-01-04T00:00:00Z"), trend.from());
        assertEquals(at("2026-01-06T23:00:00Z"), trend.to());
        // from leaves these alone: the baseline before it still counts, as does every value up to to
        assertEquals("8", text(trend.baseline().value()));
        assertEquals(2, trend.baseline().n());
        assertEquals(new Trend.Latest(BigDecimal.valueOf(6), at("2026-01-06T20:00:00Z")), trend.latest());
        assertEquals("6.2", text(trend.current().value())); // (8 + 8 + 4 + 5 + 6) / 5
        assertEquals(5, trend.current().n());
        assertEquals("-1.8", text(trend.absoluteChange()));
        assertEquals("22.5", text(trend.improvementPercent()));
        assertEquals(Category.MINIMAL, trend.category());
        assertEquals("3.4", text(trend.sessions().get(0).durabilityDays())); // to the 6: 3 d 9 h = 3.375 d
        // from narrows these
        assertEquals(List.of(point("2026-01-04", "4", 4, 4, 1), point("2026-01-05", "5", 5, 5, 1),
                point("2026-01-06", "6", 6, 6, 1)), trend.series());
        assertEquals("7", text(trend.slopePerWeek()));
        assertEquals(new Trend.Adherence(3, 3, BigDecimal.ONE), trend.adherence());
    }

    @Test
    void fromShouldIncludeAValueRecordedExactlyAtIt() {
        Course course = Course.utc()
                .daily("2026-01-01T07:59:59Z", 9)
                .daily("2026-01-01T08:00:00Z", 8).daily("2026-01-02T08:00:00Z", 7)
                .daily("2026-01-03T08:00:00Z", 6);

        Trend trend = query(course, "2026-01-01T08:00:00Z", "2026-01-03T08:00:00Z", Granularity.DAY);

        assertEquals(List.of(point("2026-01-01", "8", 8, 8, 1), point("2026-01-02", "7", 7, 7, 1),
                point("2026-01-03", "6", 6, 6, 1)), trend.series());
        assertEquals("-7", text(trend.slopePerWeek()));
    }
}
