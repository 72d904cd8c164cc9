package com.infusionoutcomes.trend;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The booster forecast on courses computed by hand. Every course has a baseline pain of 8 (daily values in the two
 * weeks before the first infusion); a pain of 3 is relief (62.5 % better), a pain of 8 is none, so an infusion's
 * relief lasts exactly until its first 8.
 */
class TrendBoosterForecastTest {

    private static Course baseline8(Course course) {
        for (int day = 10; day >= 1; day--) {
            course.daily(java.time.Instant.parse("2026-01-01T10:00:00Z").minus(java.time.Duration.ofDays(day))
                    .toString(), 8);
        }
        return course;
    }

    private static BoosterForecast forecast(Course course, String to) {
        return course.trend(Domain.PAIN, to).boosterForecast();
    }

    private static BoosterForecast forecast(BoosterStatus status, String dueOn, String expected, List<CompletedSession> basis,
            String heldAtLeast, Boolean covered) {
        return new BoosterForecast(status, dueOn == null ? null : LocalDate.parse(dueOn),
                expected == null ? null : new BigDecimal(expected), basis.stream().map(CompletedSession::sessionId).toList(),
                heldAtLeast == null ? null : new BigDecimal(heldAtLeast), covered);
    }

    /** Relief of 14, 12 and 16 days after three infusions, then a fresh fourth infusion with no value after it. */
    private static Course threeEndedReliefsThenAFreshInfusion(Course course) {
        baseline8(course);
        CompletedSession first = course.session("2026-01-01T09:00:00Z", "2026-01-01T10:00:00Z");
        course.relief(first, 14, 0); // ends 2026-01-15
        CompletedSession second = course.session("2026-01-20T09:00:00Z", "2026-01-20T10:00:00Z");
        course.relief(second, 12, 0); // ends 2026-02-01
        CompletedSession third = course.session("2026-02-05T09:00:00Z", "2026-02-05T10:00:00Z");
        course.relief(third, 16, 0); // ends 2026-02-21
        course.session("2026-02-25T09:00:00Z", "2026-02-25T10:00:00Z");
        return course;
    }

    @Test
    void aFreshInfusionShouldBeDueTheMedianOfTheLastThreeReliefsAfterIt() {
        Course course = threeEndedReliefsThenAFreshInfusion(Course.utc());
        List<CompletedSession> s = course.sessions();

        // median(14, 12, 16) = 14 days after 2026-02-25
        assertEquals(forecast(BoosterStatus.FORECAST, "2026-03-11", "14", List.of(s.get(2), s.get(1), s.get(0)),
                null, false), forecast(course, "2026-02-26T10:00:00Z"));
    }

    @Test
    void onlyTheThreeMostRecentEndedReliefsShouldCountAndTwoShouldGiveTheirMean() {
        Course course = threeEndedReliefsThenAFreshInfusion(Course.utc());
        CompletedSession fifth = course.session("2026-03-01T09:00:00Z", "2026-03-01T10:00:00Z");
        List<CompletedSession> s = course.sessions();
        // The fourth infusion had no value after it (unknown durability), so it is skipped: 12, 16 and 14 are used.
        assertEquals(forecast(BoosterStatus.FORECAST, "2026-03-15", "14", List.of(s.get(2), s.get(1), s.get(0)),
                null, false), forecast(course, "2026-03-01T12:00:00Z"));

        Course two = baseline8(Course.utc());
        CompletedSession a = two.session("2026-01-01T09:00:00Z", "2026-01-01T10:00:00Z");
        two.relief(a, 12, 0);
        CompletedSession b = two.session("2026-01-20T09:00:00Z", "2026-01-20T10:00:00Z");
        two.relief(b, 15, 0);
        two.session("2026-02-10T09:00:00Z", "2026-02-10T10:00:00Z");
        // median(12, 15) = 13.5, rounded half-up to 14 days for the date
        assertEquals(forecast(BoosterStatus.FORECAST, "2026-02-24", "13.5", List.of(b, a), null, false),
                forecast(two, "2026-02-10T12:00:00Z"));
        assertEquals(fifth.number(), 5);
    }

    @Test
    void aLatestReliefThatEndedShouldBeDueTheDayItEnded() {
        Course course = baseline8(Course.utc());
        CompletedSession only = course.session("2026-01-01T09:00:00Z", "2026-01-01T10:00:00Z");
        course.daily("2026-01-02T10:00:00Z", 3).daily("2026-01-04T22:00:00Z", 8); // 3.5 days after the end

        // 3.5 days rounds half-up to 4: 2026-01-01 + 4
        assertEquals(forecast(BoosterStatus.RELIEF_ENDED, "2026-01-05", "3.5", List.of(only), null, false),
                forecast(course, "2026-01-06T00:00:00Z"));
    }

    @Test
    void censoredReliefOnlyShouldBeInsufficientDataWithTheReliefHeldSoFar() {
        Course course = baseline8(Course.utc());
        CompletedSession first = course.session("2026-01-01T09:00:00Z", "2026-01-01T10:00:00Z");
        course.relief(first, null, 9); // still relieved at the last value, 9 days after
        assertEquals(forecast(BoosterStatus.INSUFFICIENT_DATA, null, null, List.of(), "9", null),
                forecast(course, "2026-01-11T00:00:00Z"));

        // A second infusion before the first relief ended: the first is censored too, so still nothing to go by.
        CompletedSession second = course.session("2026-01-11T09:00:00Z", "2026-01-11T10:00:00Z");
        course.relief(second, null, 2);
        assertEquals(forecast(BoosterStatus.INSUFFICIENT_DATA, null, null, List.of(), "2", null),
                forecast(course, "2026-01-14T00:00:00Z"));

        // No infusion at all.
        assertEquals(forecast(BoosterStatus.INSUFFICIENT_DATA, null, null, List.of(), null, null),
                forecast(baseline8(Course.utc()), "2026-01-14T00:00:00Z"));
    }

    @Test
    void aCensoredLatestReliefShouldBeForecastFromTheEarlierOnesAndSayHowLongItHeld() {
        Course course = baseline8(Course.utc());
        CompletedSession first = course.session("2026-01-01T09:00:00Z", "2026-01-01T10:00:00Z");
        course.relief(first, 10, 0);
        CompletedSession latest = course.session("2026-01-15T09:00:00Z", "2026-01-15T10:00:00Z");
        course.relief(latest, null, 4);
        assertEquals(forecast(BoosterStatus.FORECAST, "2026-01-25", "10", List.of(first), "4", false),
                forecast(course, "2026-01-20T00:00:00Z"));
    }

    @Test
    void aScheduledInfusionOnOrBeforeTheDueDateShouldCoverIt() {
        String to = "2026-02-26T10:00:00Z"; // due 2026-03-11
        assertEquals(true, forecast(threeEndedReliefsThenAFreshInfusion(Course.utc())
                .scheduled("2026-03-11T23:00:00Z"), to).covered());
        assertEquals(true, forecast(threeEndedReliefsThenAFreshInfusion(Course.utc())
                .scheduled("2026-03-01T09:00:00Z"), to).covered());
        assertEquals(false, forecast(threeEndedReliefsThenAFreshInfusion(Course.utc())
                .scheduled("2026-03-12T00:00:00Z"), to).covered());
        // Booked for before the latest infusion ended: a stale booking, not the next infusion.
        assertEquals(false, forecast(threeEndedReliefsThenAFreshInfusion(Course.utc())
                .scheduled("2026-02-25T09:30:00Z"), to).covered());
        // The patient's local date decides: 2026-03-12 00:30 in Tokyo is 2026-03-11 15:30 UTC.
        Course tokyo = threeEndedReliefsThenAFreshInfusion(Course.in("Asia/Tokyo")).scheduled("2026-03-11T15:30:00Z");
        BoosterForecast forecast = forecast(tokyo, to);
        assertEquals(LocalDate.parse("2026-03-11"), forecast.dueOn()); // 2026-02-25 10:00 UTC is 19:00 in Tokyo
        assertEquals(false, forecast.covered());
    }

    @Test
    void theDueDateShouldAddCalendarDaysAcrossTheSpringClockChange() {
        // Europe/London moves to BST on 2026-03-29. Relief of exactly 14 days (336 hours) after the first infusion;
        // the latest ends at 23:30 GMT on 2026-03-28. 336 hours later is 00:30 BST on 2026-04-12, but the booster
        // is due 14 calendar days after the local date of the end: 2026-04-11.
        Course course = Course.in("Europe/London");
        baseline8(course);
        CompletedSession first = course.session("2026-01-01T09:00:00Z", "2026-01-01T10:00:00Z");
        course.relief(first, 14, 0);
        CompletedSession latest = course.session("2026-03-28T22:30:00Z", "2026-03-28T23:30:00Z");

        assertEquals(forecast(BoosterStatus.FORECAST, "2026-04-11", "14", List.of(first), null, false),
                forecast(course, "2026-03-29T12:00:00Z"));
        assertEquals(2, latest.number());
    }

    @Test
    void dueWithinShouldIncludeTheDaysAheadAndAnOverdueDate() {
        BoosterForecast due = forecast(BoosterStatus.FORECAST, "2026-03-11", "14", List.of(), null, false);
        assertEquals(true, due.dueWithin(LocalDate.parse("2026-03-08"), 3));
        assertEquals(false, due.dueWithin(LocalDate.parse("2026-03-07"), 3));
        assertEquals(true, due.dueWithin(LocalDate.parse("2026-03-20"), 3));
        assertEquals(false, forecast(BoosterStatus.INSUFFICIENT_DATA, null, null, List.of(), null, null)
                .dueWithin(LocalDate.parse("2026-03-20"), 3));
    }
}
