package com.infusionoutcomes.trend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import com.infusionoutcomes.checkin.CheckInContext;

/**
 * Properties that hold for every course, checked on a few hundred random ones (fixed seed, so a failure is
 * reproducible): the hand-computed tests pin the numbers, these catch the shapes nobody thought to write down.
 */
class TrendInvariantsTest {

    private static final List<ZoneId> ZONES = List.of(ZoneId.of("UTC"), ZoneId.of("America/New_York"),
            ZoneId.of("Europe/Berlin"), ZoneId.of("Australia/Lord_Howe"), ZoneId.of("Pacific/Kiritimati"),
            ZoneId.of("Pacific/Pago_Pago"));
    private static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");

    private record Case(Subject subject, TrendQuery query, List<Observation> observations,
            List<CompletedSession> sessions) {

        Trend trend() {
            return Trends.compute(subject, query, observations, sessions);
        }

        Case with(TrendQuery other) {
            return new Case(subject, other, observations, sessions);
        }
    }

    private static Instant minutesFrom(Instant origin, long minutes) {
        return origin.plus(Duration.ofMinutes(minutes));
    }

    private static Case randomCase(Random random) {
        ZoneId zone = ZONES.get(random.nextInt(ZONES.size()));
        Instant origin = minutesFrom(EPOCH, random.nextInt(365 * 24 * 60));
        Subject subject = new Subject(UUID.randomUUID(), zone, minutesFrom(origin, -random.nextInt(10 * 24 * 60)));

        List<CompletedSession> sessions = new ArrayList<>();
        Instant start = minutesFrom(origin, random.nextInt(20 * 24 * 60));
        for (int i = 0, n = random.nextInt(5); i < n; i++) {
            sessions.add(new CompletedSession(UUID.randomUUID(), i + 1, start,
                    minutesFrom(start, 40 + random.nextInt(21))));
            start = minutesFrom(start, (1 + random.nextInt(14)) * 24 * 60);
        }

        // Distinct instants: ties keep the caller's order, so only then is the result independent of it.
        Set<Long> minutes = new HashSet<>();
        List<Observation> observations = new ArrayList<>();
        for (int i = 0, n = random.nextInt(60); i < n; i++) {
            long minute = random.nextInt(100 * 24 * 60) - 20 * 24 * 60;
            if (!minutes.add(minute)) {
                continue;
            }
            CheckInContext context = CheckInContext.values()[random.nextInt(3)];
            UUID session = null;
            if (context.needsSession()) {
                if (sessions.isEmpty()) {
                    context = CheckInContext.DAILY;
                } else {
                    session = sessions.get(random.nextInt(sessions.size())).sessionId();
                }
            }
            Integer value = random.nextInt(7) == 0 ? null : random.nextInt(11);
            observations.add(Observation.of(minutesFrom(origin, minute), context, session, value));
        }

        Instant to = minutesFrom(origin, random.nextInt(95 * 24 * 60) - 5 * 24 * 60);
        Instant now = minutesFrom(to, random.nextInt(20 * 24 * 60) - 10 * 24 * 60);
        Instant from = random.nextBoolean() ? null : minutesFrom(to, -random.nextInt(60 * 24 * 60));
        Granularity granularity = random.nextBoolean() ? Granularity.DAY : Granularity.WEEK;
        return new Case(subject, new TrendQuery(Domain.values()[random.nextInt(4)], from, to, now, granularity),
                observations, sessions);
    }

    private static void forEveryCase(Consumer<Case> property) {
        Random random = new Random(20260301L);
        for (int i = 0; i < 400; i++) {
            property.accept(randomCase(random));
        }
    }

    @Test
    void trendShouldNotDependOnTheOrderOfItsInputs() {
        Random shuffle = new Random(7);
        forEveryCase(c -> {
            List<Observation> observations = new ArrayList<>(c.observations());
            List<CompletedSession> sessions = new ArrayList<>(c.sessions());
            Collections.shuffle(observations, shuffle);
            Collections.shuffle(sessions, shuffle);
            assertEquals(c.trend(), new Case(c.subject(), c.query(), observations, sessions).trend());
        });
    }

    @Test
    void theHeadlineShouldBeTheTrendsOwnFigures() {
        forEveryCase(c -> {
            Trend trend = c.trend();
            assertEquals(new TrendHeadline(trend.baseline() == null ? null : trend.baseline().value(),
                    trend.current() == null ? null : trend.current().value(), trend.improvementPercent(),
                    trend.category()), Trends.headline(c.query(), c.observations(), c.sessions()));
        });
    }

    @Test
    void nothingRecordedAfterToShouldChangeTheTrend() {
        forEveryCase(c -> {
            List<Observation> more = new ArrayList<>(c.observations());
            more.add(Observation.of(c.query().to().plusSeconds(1), CheckInContext.DAILY, null, 0));
            more.add(Observation.of(c.query().to().plusSeconds(2), CheckInContext.DAILY, null, 10));
            assertEquals(c.trend(), new Case(c.subject(), c.query(), more, c.sessions()).trend());
        });
    }

    @Test
    void fromShouldChangeOnlySeriesSlopeAndAdherence() {
        forEveryCase(c -> {
            TrendQuery q = c.query();
            Trend whole = c.with(new TrendQuery(q.domain(), null, q.to(), q.now(), q.granularity())).trend();
            Trend narrowed = c.trend();
            assertEquals(new Trend(whole.patientId(), whole.domain(), whole.direction(), q.from(), whole.to(),
                    whole.granularity(), whole.baseline(), whole.latest(), whole.current(), whole.absoluteChange(),
                    whole.improvementPercent(), whole.category(), narrowed.slopePerWeek(), narrowed.series(),
                    whole.sessions(), narrowed.adherence(), whole.boosterForecast()), narrowed);
        });
    }

    @Test
    void seriesShouldHoldEveryLongitudinalValueInRangeOnce() {
        forEveryCase(c -> {
            Trend trend = c.trend();
            Instant from = c.query().from();
            long expected = c.observations().stream()
                    .filter(o -> o.value() != null && o.context() != CheckInContext.POST_INFUSION)
                    .filter(o -> (from == null || !o.recordedAt().isBefore(from))
                            && !o.recordedAt().isAfter(c.query().to()))
                    .count();
            assertEquals(expected, trend.series().stream().mapToInt(Trend.SeriesPoint::n).sum());
            for (int i = 0; i < trend.series().size(); i++) {
                Trend.SeriesPoint point = trend.series().get(i);
                assertTrue(point.n() > 0);
                assertTrue(point.mean().compareTo(point.min()) >= 0);
                assertTrue(point.mean().compareTo(point.max()) <= 0);
                if (i > 0) {
                    assertTrue(point.period().isAfter(trend.series().get(i - 1).period()));
                }
                if (c.query().granularity() == Granularity.WEEK) {
                    assertEquals(DayOfWeek.MONDAY, point.period().getDayOfWeek());
                }
            }
        });
    }

    @Test
    void slopeShouldAgreeWithAFloatingPointLeastSquaresFit() {
        forEveryCase(c -> {
            Instant from = c.query().from();
            List<Observation> values = c.observations().stream()
                    .filter(o -> o.value() != null && o.context() != CheckInContext.POST_INFUSION)
                    .filter(o -> (from == null || !o.recordedAt().isBefore(from))
                            && !o.recordedAt().isAfter(c.query().to()))
                    .toList();
            BigDecimal slope = c.trend().slopePerWeek();
            if (values.size() < 3) {
                assertNull(slope);
                return;
            }
            double n = values.size();
            double sumX = 0;
            double sumY = 0;
            double sumXY = 0;
            double sumXX = 0;
            for (Observation o : values) {
                double x = Duration.between(EPOCH, o.recordedAt()).toMinutes() / 1440.0;
                sumX += x;
                sumY += o.value().rounded(6).doubleValue();
                sumXY += x * o.value().rounded(6).doubleValue();
                sumXX += x * x;
            }
            double expected = (n * sumXY - sumX * sumY) / (n * sumXX - sumX * sumX) * 7;
            assertNotNull(slope);
            assertEquals(expected, slope.doubleValue(), 0.00501);
        });
    }

    @Test
    void categoryShouldMatchTheReportedPercent() {
        forEveryCase(c -> {
            Trend trend = c.trend();
            BigDecimal percent = trend.improvementPercent();
            switch (trend.category()) {
                case SUBSTANTIAL -> assertTrue(percent.compareTo(BigDecimal.valueOf(50)) >= 0);
                case MODERATE -> assertBetween(percent, 30, 50);
                case MINIMAL -> assertBetween(percent, 10, 30);
                case NO_CHANGE -> assertBetween(percent, -10, 10);
                case WORSENED -> assertTrue(percent.compareTo(BigDecimal.valueOf(-10)) <= 0);
                case INSUFFICIENT_DATA -> {
                }
            }
        });
    }

    private static void assertBetween(BigDecimal value, int low, int high) {
        assertTrue(value.compareTo(BigDecimal.valueOf(low)) >= 0 && value.compareTo(BigDecimal.valueOf(high)) <= 0,
                value + " outside [" + low + ", " + high + "]");
    }

    @Test
    void summariesShouldBePresentTogetherAndDurabilityQualifiedOnlyWhenKnown() {
        forEveryCase(c -> {
            Trend trend = c.trend();
            boolean any = trend.baseline() != null;
            assertEquals(any, trend.latest() != null);
            assertEquals(any, trend.current() != null);
            if (any) {
                assertTrue(trend.baseline().n() >= 1 && trend.current().n() >= 1);
            }
            for (Trend.SessionEffect effect : trend.sessions()) {
                assertEquals(effect.durabilityDays() == null, effect.durabilityCensored() == null);
                assertTrue(effect.durabilityDays() == null || effect.durabilityDays().signum() >= 0);
                assertTrue(!effect.startedAt().isAfter(c.query().to()));
            }
            Trend.Adherence adherence = trend.adherence();
            assertTrue(adherence.reportedDays() >= 0 && adherence.reportedDays() <= adherence.expectedDays());
            assertEquals(adherence.expectedDays() == 0, adherence.rate() == null);
        });
    }
}
