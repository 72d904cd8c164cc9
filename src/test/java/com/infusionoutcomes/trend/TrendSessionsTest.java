package com.infusionoutcomes.trend;

import static com.infusionoutcomes.trend.Course.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The acute effect and the durability of each infusion. */
class TrendSessionsTest {

    /** Pain baseline 8 before a session on 2026-02-01: a value of 5 or less is relieved (37.5 %), 6 is not (25 %). */
    private static Course painBaselineEight() {
        return Course.utc().daily("2026-01-30T20:00:00Z", 8).daily("2026-01-31T20:00:00Z", 8);
    }

    @Test
    void acuteEffectShouldUseTheLatestPreAndPostOfThatSession() {
        Course course = painBaselineEight();
        CompletedSession first = course.session("2026-02-01T10:00:00Z", "2026-02-01T11:00:00Z");
        CompletedSession second = course.session("2026-02-08T10:00:00Z", "2026-02-08T11:00:00Z");
        course.pre(first, "2026-02-01T09:30:00Z", 8).pre(first, "2026-02-01T09:50:00Z", 7)
                .post(first, "2026-02-01T11:10:00Z", 4).post(first, "2026-02-01T11:40:00Z", 3)
                .post(second, "2026-02-08T11:10:00Z", 1);

        Trend trend = course.trend(Domain.PAIN, "2026-02-09T00:00:00Z");

        Trend.SessionEffect one = trend.sessions().get(0);
        assertEquals(1, one.number());
        assertEquals(first.startedAt(), one.startedAt());
        assertEquals("7", text(one.pre()));
        assertEquals("3", text(one.post()));
        assertEquals("-4", text(one.acuteChange()));
        assertEquals("57.1", text(one.acuteImprovementPercent())); // (7 - 3) / 7

        Trend.SessionEffect two = trend.sessions().get(1);
        assertEquals(2, two.number());
        assertNull(two.pre());
        assertEquals("1", text(two.post()));
        assertNull(two.acuteChange());
        assertNull(two.acuteImprovementPercent());
    }

    @Test
    void acuteEffectShouldBeNullWhenPostIsMissing() {
        Course course = Course.utc();
        CompletedSession first = course.session("2026-02-01T10:00:00Z", "2026-02-01T11:00:00Z");
        course.pre(first, "2026-02-01T09:50:00Z", 6);

        Trend.SessionEffect effect = course.trend(Domain.PAIN, "2026-02-02T00:00:00Z").sessions().get(0);

        assertEquals("6", text(effect.pre()));
        assertNull(effect.post());
        assertNull(effect.acuteChange());
        assertNull(effect.acuteImprovementPercent());
    }

    @Test
    void acuteImprovementShouldFollowTheDomainsDirection() {
        Course course = Course.utc();
        CompletedSession first = course.session("2026-02-01T10:00:00Z", "2026-02-01T11:00:00Z");
        course.pre(first, "2026-02-01T09:50:00Z", 4).post(first, "2026-02-01T11:10:00Z", 5);

        Trend.SessionEffect sleep = course.trend(Domain.SLEEP, "2026-02-02T00:00:00Z").sessions().get(0);
        Trend.SessionEffect pain = course.trend(Domain.PAIN, "2026-02-02T00:00:00Z").sessions().get(0);

        assertEquals("1", text(sleep.acuteChange()));
        assertEquals("25", text(sleep.acuteImprovementPercent()));
        assertEquals("1", text(pain.acuteChange()));
        assertEquals("-25", text(pain.acuteImprovementPercent()));
    }

    @Test
    void acuteImprovementShouldBeNullWhenPreIsZero() {
        Course course = Course.utc();
        CompletedSession first = course.session("2026-02-01T10:00:00Z", "2026-02-01T11:00:00Z");
        course.pre(first, "2026-02-01T09:50:00Z", 0).post(first, "2026-02-01T11:10:00Z", 3);

        Trend.SessionEffect effect = course.trend(Domain.MOOD, "2026-02-02T00:00:00Z").sessions().get(0);

        assertEquals("3", text(effect.acuteChange()));
        assertNull(effect.acuteImprovementPercent());
    }

    @Test
    void acuteEffectShouldIgnoreCheckInsAfterTo() {
        Course course = Course.utc();
        CompletedSession first = course.session("2026-02-01T10:00:00Z", "2026-02-01T11:00:00Z");
        course.session("2026-02-01T12:00:00Z", "2026-02-01T12:50:00Z");
        course.pre(first, "2026-02-01T09:50:00Z", 7).post(first, "2026-02-01T11:10:00Z", 3);

        Trend trend = course.trend(Domain.PAIN, "2026-02-01T11:05:00Z");

        assertEquals(1, trend.sessions().size());
        assertEquals("7", text(trend.sessions().get(0).pre()));
        assertNull(trend.sessions().get(0).post());
    }

    @Test
    void durabilityShouldEndAtTheFirstValueThatIsNoLongerRelieved() {
        Course course = painBaselineEight();
        course.session("2026-02-01T10:00:00Z", "2026-02-01T11:00:00Z");
        course.session("2026-02-10T10:00:00Z", "2026-02-10T11:00:00Z");
        course.daily("2026-02-01T11:00:00Z", 8) // exactly at endedAt: not after the session
                .daily("2026-02-02T11:00:00Z", 3)
                .daily("2026-02-04T23:00:00Z", 5)
                .daily("2026-02-06T15:48:00Z", 6) // 5 d 4 h 48 min after endedAt
                .daily("2026-02-07T20:00:00Z", 4);

        Trend.SessionEffect effect = course.trend(Domain.PAIN, "2026-02-09T00:00:00Z").sessions().get(0);

        assertEquals("5.2", text(effect.durabilityDays()));
        assertFalse(effect.durabilityCensored());
    }

    @Test
    void durabilityShouldBeCensoredWhenEveryValueUntilTheNextSessionIsRelieved() {
        Course course = painBaselineEight();
        course.session("2026-02-01T10:00:00Z", "2026-02-01T11:00:00Z");
        CompletedSession second = course.session("2026-02-04T17:10:00Z", "2026-02-04T18:00:00Z");
        course.daily("2026-02-02T20:00:00Z", 4)
                .daily("2026-02-03T20:00:00Z", 5)
                .pre(second, "2026-02-04T17:00:00Z", 5) // 3 d 6 h = 3.25 d after endedAt
                .daily("2026-02-04T17:10:00Z", 9) // exactly when the next session starts: belongs to it
                .daily("2026-02-05T18:00:00Z", 9);

        Trend trend = course.trend(Domain.PAIN, "2026-02-06T00:00:00Z");

        Trend.SessionEffect first = trend.sessions().get(0);
        assertEquals("3.3", text(first.durabilityDays())); // 3.25 rounded half-up
        assertTrue(first.durabilityCensored());
        Trend.SessionEffect last = trend.sessions().get(1);
        assertEquals("1", text(last.durabilityDays()));
        assertFalse(last.durabilityCensored());
        assertEquals(Optional.of(last.durabilityDays()), trend.lastDurabilityDays());
    }

    @Test
    void durabilityShouldCountExactlyThirtyPercentAsRelief() {
        Course course = Course.utc().daily("2026-01-31T20:00:00Z", 10);
        course.session("2026-02-01T10:00:00Z", "2026-02-01T11:00:00Z");
        course.daily("2026-02-02T11:00:00Z", 7) // exactly 30 % better
                .daily("2026-02-03T11:00:00Z", 8);

        Trend.SessionEffect effect = course.trend(Domain.PAIN, "2026-02-04T00:00:00Z").sessions().get(0);

        assertEquals("2", text(effect.durabilityDays()));
        assertFalse(effect.durabilityCensored());
    }

    @Test
    void durabilityShouldFollowTheDomainsDirection() {
        // sleep baseline 4: 6 is 50 % better and relieved, 5 is 25 % and not
        Course course = Course.utc().daily("2026-01-30T20:00:00Z", 4).daily("2026-01-31T20:00:00Z", 4);
        course.session("2026-02-01T10:00:00Z", "2026-02-01T11:00:00Z");
        course.daily("2026-02-01T23:00:00Z", 7)
                .daily("2026-02-02T23:00:00Z", 6)
                .daily("2026-02-03T05:00:00Z", 5); // 1 d 18 h after endedAt

        Trend.SessionEffect effect = course.trend(Domain.SLEEP, "2026-02-04T00:00:00Z").sessions().get(0);

        assertEquals("1.8", text(effect.durabilityDays()));
        assertFalse(effect.durabilityCensored());
    }

    @Test
    void durabilityShouldBeUnknownWithoutValuesAfterTheSession() {
        Course course = painBaselineEight();
        course.session("2026-02-01T10:00:00Z", "2026-02-01T11:00:00Z");
        course.session("2026-02-05T10:00:00Z", "2026-02-05T11:00:00Z");
        course.daily("2026-02-02T11:00:00Z", 3);

        Trend trend = course.trend(Domain.PAIN, "2026-02-06T00:00:00Z");

        assertEquals("1", text(trend.sessions().get(0).durabilityDays()));
        assertTrue(trend.sessions().get(0).durabilityCensored());
        assertNull(trend.sessions().get(1).durabilityDays());
        assertNull(trend.sessions().get(1).durabilityCensored());
        assertEquals(Optional.empty(), trend.lastDurabilityDays());
    }

    @Test
    void durabilityShouldOnlySeeValuesUpToTo() {
        Course course = painBaselineEight();
        course.session("2026-02-01T10:00:00Z", "2026-02-01T11:00:00Z");
        course.daily("2026-02-02T11:00:00Z", 3).daily("2026-02-03T11:00:00Z", 8);

        Trend.SessionEffect effect = course.trend(Domain.PAIN, "2026-02-03T00:00:00Z").sessions().get(0);

        assertEquals("1", text(effect.durabilityDays()));
        assertTrue(effect.durabilityCensored());
    }
}
