package com.infusionoutcomes.trend;

import static com.infusionoutcomes.trend.Course.at;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

/** Adherence: the patient's local days on which any check-in was recorded, out of the days one was expected. */
class TrendAdherenceTest {

    private static Trend.Adherence adherence(int expected, int reported, String rate) {
        return new Trend.Adherence(expected, reported, rate == null ? null : new BigDecimal(rate));
    }

    private static Trend trend(Course course, String from, String to, String now) {
        return course.trend(new TrendQuery(Domain.PAIN, from == null ? null : at(from), at(to), at(now),
                Granularity.DAY));
    }

    @Test
    void adherenceShouldCountDaysWithAnyCheckInIncludingThoseWithoutThisDomain() {
        Course course = Course.utc().enrolledAt("2026-01-01T09:00:00Z");
        CompletedSession first = course.session("2026-01-05T10:00:00Z", "2026-01-05T11:00:00Z");
        course.daily("2026-01-01T10:00:00Z", 5)
                .daily("2026-01-02T08:00:00Z", 5).daily("2026-01-02T20:00:00Z", 6) // one day, counted once
                .daily("2026-01-04T20:00:00Z", null) // no pain score: still a day the patient reported
                .pre(first, "2026-01-05T09:50:00Z", null).post(first, "2026-01-05T11:10:00Z", 3)
                .daily("2026-01-09T20:00:00Z", 4);

        Trend trend = trend(course, null, "2026-01-10T12:00:00Z", "2026-01-10T12:00:00Z");

        assertEquals(adherence(10, 5, "0.5"), trend.adherence()); // Jan 1, 2, 4, 5 and 9 of Jan 1-10
    }

    @Test
    void adherenceShouldStartAtEnrolmentWhenFromIsEarlier() {
        Course course = Course.utc().enrolledAt("2026-01-03T15:00:00Z")
                .daily("2025-12-28T20:00:00Z", 5) // before enrolment, e.g. an imported history
                .daily("2026-01-03T20:00:00Z", 5).daily("2026-01-06T08:00:00Z", 4);

        Trend trend = trend(course, "2025-12-01T00:00:00Z", "2026-01-06T12:00:00Z", "2026-01-06T12:00:00Z");

        assertEquals(adherence(4, 2, "0.5"), trend.adherence());
    }

    @Test
    void adherenceShouldStartAtTheDateOfFromWhenEnrolmentIsEarlier() {
        Course course = Course.utc().enrolledAt("2026-01-01T09:00:00Z")
                .daily("2026-01-04T20:00:00Z", 5)
                .daily("2026-01-05T08:00:00Z", 5) // before from, but on from's date
                .daily("2026-01-07T08:00:00Z", 4);

        Trend trend = trend(course, "2026-01-05T12:00:00Z", "2026-01-07T12:00:00Z", "2026-01-07T12:00:00Z");

        assertEquals(adherence(3, 2, "0.67"), trend.adherence());
    }

    @Test
    void adherenceShouldEndTodayWhenToIsLater() {
        Course course = Course.utc().enrolledAt("2026-01-01T09:00:00Z").daily("2026-01-03T20:00:00Z", 5);

        Trend trend = trend(course, null, "2026-01-31T00:00:00Z", "2026-01-10T12:00:00Z");

        assertEquals(adherence(10, 1, "0.1"), trend.adherence());
    }

    @Test
    void adherenceShouldNotCountACheckInRecordedAfterToOnItsLastDay() {
        Course course = Course.utc().enrolledAt("2026-01-08T00:00:00Z")
                .daily("2026-01-08T10:00:00Z", 5).daily("2026-01-10T18:00:00Z", 4);

        Trend trend = trend(course, null, "2026-01-10T12:00:00Z", "2026-01-20T00:00:00Z");

        assertEquals(adherence(3, 1, "0.33"), trend.adherence());
    }

    @Test
    void adherenceShouldCountThePatientsLocalDays() {
        Course course = Course.in("America/New_York").enrolledAt("2026-01-05T05:00:00Z") // Jan 5 00:00 EST
                .daily("2026-01-06T04:30:00Z", 5) // Jan 5 23:30 EST
                .daily("2026-01-07T02:00:00Z", 4); // Jan 6 21:00 EST

        Trend trend = trend(course, null, "2026-01-08T04:59:00Z", "2026-01-08T04:59:00Z"); // Jan 7 23:59 EST

        assertEquals(adherence(3, 2, "0.67"), trend.adherence());
    }

    @Test
    void adherenceShouldExpectNothingBeforeEnrolment() {
        Course course = Course.utc().enrolledAt("2026-01-10T09:00:00Z").daily("2026-01-04T20:00:00Z", 5);

        Trend trend = trend(course, null, "2026-01-05T00:00:00Z", "2026-01-05T00:00:00Z");

        assertEquals(adherence(0, 0, null), trend.adherence());
    }
}
