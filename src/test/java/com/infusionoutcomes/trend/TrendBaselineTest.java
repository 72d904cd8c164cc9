package com.infusionoutcomes.trend;

import static com.infusionoutcomes.trend.Course.at;
import static com.infusionoutcomes.trend.Course.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Baseline, latest, current and the change between them. S is 2026-02-01T10:00Z throughout. */
class TrendBaselineTest {

    private static final String S = "2026-02-01T10:00:00Z";
    private static final String E = "2026-02-01T11:00:00Z";

    @Test
    void baselineShouldIncludeValuesExactlyAtBothEndsOfTheWindow() {
        Course course = Course.utc();
        course.session(S, E);
        course.daily("2026-01-18T09:59:59Z", 2) // one second before S - 14 days
                .daily("2026-01-18T10:00:00Z", 8) // exactly S - 14 days
                .daily("2026-01-25T10:00:00Z", 6)
                .daily(S, 7) // exactly S
                .daily("2026-02-01T10:00:01Z", 1); // one second after S

        Trend trend = course.trend(Domain.PAIN, "2026-02-02T00:00:00Z");

        assertEquals(new Trend.Baseline(trend.baseline().value(), BaselineMethod.PRE_TREATMENT_MEAN, 3),
                trend.baseline());
        assertEquals("7", text(trend.baseline().value()));
        // current: [S + 1 s - 7 d, S + 1 s] holds 7 and 1; the value at S - 7 d is one second too early
        assertEquals("4", text(trend.current().value()));
        assertEquals(2, trend.current().n());
        assertEquals("-3", text(trend.absoluteChange()));
        assertEquals("42.9", text(trend.improvementPercent())); // (7 - 4) / 7
        assertEquals(Category.MODERATE, trend.category());
    }

    @Test
    void baselineShouldAddFirstSessionPreValuesRecordedBeforeTheWindow() {
        Course course = Course.utc();
        CompletedSession first = course.session(S, E);
        course.daily("2026-01-05T20:00:00Z", 3) // outside the window and not a pre-infusion value
                .pre(first, "2026-01-10T09:00:00Z", 9) // 22 days before S, yet that session's pre value
                .daily("2026-01-28T20:00:00Z", 6);

        Trend trend = course.trend(Domain.PAIN, "2026-02-01T12:00:00Z");

        assertEquals("7.5", text(trend.baseline().value()));
        assertEquals(2, trend.baseline().n());
        assertEquals(BaselineMethod.PRE_TREATMENT_MEAN, trend.baseline().method());
    }

    @Test
    void baselineShouldCountAPreValueInsideTheWindowOnce() {
        Course course = Course.utc();
        CompletedSession first = course.session(S, E);
        course.daily("2026-01-31T20:00:00Z", 6).pre(first, "2026-02-01T09:50:00Z", 8);

        Trend trend = course.trend(Domain.PAIN, "2026-02-01T12:00:00Z");

        assertEquals("7", text(trend.baseline().value()));
        assertEquals(2, trend.baseline().n());
    }

    @Test
    void baselineShouldAddAPreValueRecordedAfterStartButNotTakeItAsFollowUp() {
        Course course = Course.utc();
        CompletedSession first = course.session(S, E);
        course.daily("2026-01-30T20:00:00Z", 7).pre(first, "2026-02-01T10:05:00Z", 8); // entered late

        Trend onlyBaseline = course.trend(Domain.PAIN, "2026-02-02T00:00:00Z");

        assertEquals("7.5", text(onlyBaseline.baseline().value()));
        assertEquals(2, onlyBaseline.baseline().n());
        // The percent is still reported as the formula gives it, but nothing after S lies outside the baseline.
        assertEquals("0", text(onlyBaseline.improvementPercent()));
        assertEquals(Category.INSUFFICIENT_DATA, onlyBaseline.category());

        course.daily("2026-02-02T08:00:00Z", 7);
        Trend followedUp = course.trend(Domain.PAIN, "2026-02-03T00:00:00Z");

        assertEquals("7.33", text(followedUp.current().value())); // (7 + 8 + 7) / 3
        assertEquals("2.2", text(followedUp.improvementPercent())); // (7.5 - 22/3) / 7.5
        assertEquals(Category.NO_CHANGE, followedUp.category());
    }

    @Test
    void baselineShouldLeaveOutPostValuesAndLaterSessionsPreValues() {
        Course course = Course.utc();
        CompletedSession first = course.session(S, E);
        CompletedSession second = course.session("2026-02-08T10:00:00Z", "2026-02-08T11:00:00Z");
        course.daily("2026-01-31T20:00:00Z", 5)
                .post(first, "2026-02-01T11:10:00Z", 1)
                .pre(second, "2026-02-08T09:50:00Z", 9)
                .post(second, "2026-02-08T11:10:00Z", 2);

        Trend trend = course.trend(Domain.PAIN, "2026-02-09T00:00:00Z");

        assertEquals("5", text(trend.baseline().value()));
        assertEquals(1, trend.baseline().n());
        assertEquals(BaselineMethod.PRE_TREATMENT_MEAN, trend.baseline().method());
    }

    @Test
    void baselineShouldStartFromTheEarliestSessionWhateverTheOrderSessionsArePassedIn() {
        Course course = Course.utc();
        CompletedSession first = course.session(S, E);
        course.session("2026-02-20T10:00:00Z", "2026-02-20T11:00:00Z");
        course.daily("2026-01-30T20:00:00Z", 6).daily("2026-02-15T20:00:00Z", 2);

        Trend trend = Trends.compute(course.subject(),
                new TrendQuery(Domain.PAIN, null, at("2026-03-01T00:00:00Z"), at("2026-03-01T00:00:00Z"),
                        Granularity.DAY),
                course.observations(), List.of(course.sessions().get(1), course.sessions().get(0)));

        assertEquals("6", text(trend.baseline().value()));
        assertEquals(BaselineMethod.PRE_TREATMENT_MEAN, trend.baseline().method());
        assertEquals(first.sessionId(), trend.sessions().get(0).sessionId());
    }

    @Test
    void baselineShouldUseFirstValueWhenNoCompletedSession() {
        Course course = Course.utc()
                .daily("2026-01-01T20:00:00Z", 6)
                .daily("2026-01-05T20:00:00Z", 4)
                .daily("2026-01-06T20:00:00Z", 3);

        Trend trend = course.trend(Domain.PAIN, "2026-01-07T00:00:00Z");

        assertEquals("6", text(trend.baseline().value()));
        assertEquals(BaselineMethod.FIRST_VALUE, trend.baseline().method());
        assertEquals(1, trend.baseline().n());
        assertEquals(new Trend.Latest(BigDecimal.valueOf(3), at("2026-01-06T20:00:00Z")), trend.latest());
        assertEquals("4.33", text(trend.current().value())); // 13 / 3
        assertEquals(3, trend.current().n());
        assertEquals("-1.67", text(trend.absoluteChange())); // 13/3 - 6
        assertEquals("27.8", text(trend.improvementPercent())); // (6 - 13/3) / 6
        assertEquals(Category.MINIMAL, trend.category());
    }

    @Test
    void baselineShouldUseFirstValueWhenThePreTreatmentWindowIsEmpty() {
        Course course = Course.utc();
        course.session(S, E);
        course.daily("2026-01-12T20:00:00Z", 9) // 20 days before S: too early for the window
                .daily("2026-02-03T20:00:00Z", 4);

        Trend trend = course.trend(Domain.PAIN, "2026-02-04T00:00:00Z");

        assertEquals("9", text(trend.baseline().value()));
        assertEquals(BaselineMethod.FIRST_VALUE, trend.baseline().method());
        assertEquals(1, trend.baseline().n());
        assertEquals("55.6", text(trend.improvementPercent())); // (9 - 4) / 9
        assertEquals(Category.SUBSTANTIAL, trend.category());
    }

    @Test
    void categoryShouldBeInsufficientWithOnlyTheFirstValue() {
        Course course = Course.utc();
        course.session(S, E);
        course.daily("2026-02-02T20:00:00Z", 6);

        Trend single = course.trend(Domain.PAIN, "2026-02-03T00:00:00Z");

        assertEquals(BaselineMethod.FIRST_VALUE, single.baseline().method());
        assertEquals(Category.INSUFFICIENT_DATA, single.category());

        course.daily("2026-02-03T20:00:00Z", 6);
        assertEquals(Category.NO_CHANGE, course.trend(Domain.PAIN, "2026-02-04T00:00:00Z").category());
    }

    @Test
    void baselineShouldIgnoreASessionThatStartsAfterTo() {
        Course course = Course.utc();
        course.session(S, E);
        course.daily("2026-01-20T20:00:00Z", 8).daily("2026-01-25T20:00:00Z", 6);

        Trend trend = course.trend(Domain.PAIN, "2026-01-31T00:00:00Z");

        assertEquals(BaselineMethod.FIRST_VALUE, trend.baseline().method());
        assertEquals("8", text(trend.baseline().value()));
        assertTrue(trend.sessions().isEmpty());
    }

    @Test
    void latestShouldBeTheMostRecentLongitudinalValueNeverAPostValue() {
        Course course = Course.utc();
        CompletedSession first = course.session(S, E);
        course.daily("2026-01-31T20:00:00Z", 5)
                .pre(first, "2026-02-01T09:50:00Z", 7)
                .post(first, "2026-02-01T11:10:00Z", 2);

        Trend trend = course.trend(Domain.PAIN, "2026-02-02T00:00:00Z");

        assertEquals(new Trend.Latest(BigDecimal.valueOf(7), at("2026-02-01T09:50:00Z")), trend.latest());
    }

    @Test
    void zeroBaselineShouldLeaveImprovementCategoryAndDurabilityUnknown() {
        Course course = Course.utc();
        course.session(S, E);
        course.daily("2026-01-30T20:00:00Z", 0).daily("2026-01-31T20:00:00Z", 0)
                .daily("2026-02-02T20:00:00Z", 2).daily("2026-02-03T20:00:00Z", 3);

        Trend trend = course.trend(Domain.PAIN, "2026-02-04T00:00:00Z");

        assertEquals("0", text(trend.baseline().value()));
        assertEquals("1.25", text(trend.current().value())); // (0 + 0 + 2 + 3) / 4
        assertEquals("1.25", text(trend.absoluteChange()));
        assertNull(trend.improvementPercent());
        assertEquals(Category.INSUFFICIENT_DATA, trend.category());
        assertNull(trend.sessions().get(0).durabilityDays());
        assertNull(trend.sessions().get(0).durabilityCensored());
    }

    @Test
    void shouldReportNullsAndEmptyListsButStillAdherenceWithoutAnyValue() {
        Course course = Course.utc().enrolledAt("2026-01-01T09:00:00Z")
                .daily("2026-01-05T20:00:00Z", null); // a check-in that skipped pain

        Trend trend = course.trend(Domain.PAIN, "2026-01-10T12:00:00Z");

        assertNull(trend.baseline());
        assertNull(trend.latest());
        assertNull(trend.current());
        assertNull(trend.absoluteChange());
        assertNull(trend.improvementPercent());
        assertEquals(Category.INSUFFICIENT_DATA, trend.category());
        assertNull(trend.slopePerWeek());
        assertEquals(List.of(), trend.series());
        assertEquals(List.of(), trend.sessions());
        assertEquals(new Trend.Adherence(10, 1, trend.adherence().rate()), trend.adherence());
        assertEquals("0.1", text(trend.adherence().rate()));
    }

    @Test
    void shouldStillListSessionsWhenTheDomainHasNoValue() {
        Course course = Course.utc();
        CompletedSession first = course.session(S, E);
        course.pre(first, "2026-02-01T09:50:00Z", null).post(first, "2026-02-01T11:10:00Z", null);

        Trend trend = course.trend(Domain.SLEEP, "2026-02-02T00:00:00Z");

        assertNull(trend.baseline());
        assertEquals(List.of(new Trend.SessionEffect(first.sessionId(), 1, at(S), null, null, null, null, null, null)),
                trend.sessions());
    }
}
