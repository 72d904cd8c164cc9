package com.infusionoutcomes.trend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.infusionoutcomes.checkin.CheckInContext;

/**
 * The WORSENING rule reads only the check-ins a {@link CategoryWindow} selects. Wherever the window says they
 * decide the category, the trend computed from them must agree with the whole course's on everything the rule
 * uses: checked on a few thousand random courses (fixed seed), long enough that most are decided by a few weeks.
 */
class TrendCategoryWindowTest {

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private static final Subject SUBJECT = new Subject(Course.PATIENT, ZoneOffset.UTC, START);

    private record RandomCourse(List<Observation> observations, List<CompletedSession> sessions, Instant to) {
    }

    private static Instant minutes(long m) {
        return START.plus(Duration.ofMinutes(m));
    }

    private static Integer score(Random random, double level) {
        return random.nextInt(8) == 0 ? null : (int) Math.max(0, Math.min(10, Math.round(level + random.nextGaussian())));
    }

    /** Daily reports with gaps, a course of infusions with PRE and POST reports, some of them late or early. */
    private static RandomCourse randomCourse(Random random) {
        int days = 20 + random.nextInt(200);
        List<CompletedSession> sessions = new ArrayList<>();
        int day = 5 + random.nextInt(50);
        for (int n = 1; day < days && sessions.size() < 12; n++) {
            Instant startedAt = minutes(day * 1440L + 600 + random.nextInt(300));
            sessions.add(new CompletedSession(UUID.randomUUID(), n, startedAt, startedAt.plus(Duration.ofMinutes(50))));
            day += random.nextInt(4) == 0 ? 2 + random.nextInt(5) : 20 + random.nextInt(30);
        }
        List<Observation> observations = new ArrayList<>();
        double level = 3 + random.nextInt(5);
        int dailyGapEvery = 2 + random.nextInt(30);
        for (int d = 0; d < days; d++) {
            level = Math.max(0, Math.min(10, level + random.nextGaussian() * 0.7));
            if (random.nextInt(dailyGapEvery) == 0) {
                d += random.nextInt(12);
                continue;
            }
            // Now and then two reports at the same minute: ties keep the order they were read in.
            long at = d * 1440L + 1080 + random.nextInt(240);
            observations.add(Observation.of(minutes(at), CheckInContext.DAILY, null, score(random, level)));
            if (random.nextInt(40) == 0) {
                observations.add(Observation.of(minutes(at), CheckInContext.DAILY, null, score(random, level)));
            }
        }
        for (CompletedSession s : sessions) {
            // Usually shortly before the infusion; sometimes recorded days early or (late sync) after it.
            long offset = switch (random.nextInt(10)) {
                case 0 -> -(15 + random.nextInt(30)) * 1440L;
                case 1 -> (1 + random.nextInt(40)) * 1440L;
                default -> -(10 + random.nextInt(10));
            };
            if (random.nextInt(10) > 0) {
                observations.add(Observation.of(s.startedAt().plus(Duration.ofMinutes(offset)),
                        CheckInContext.PRE_INFUSION, s.sessionId(), score(random, level)));
            }
            if (random.nextBoolean()) {
                observations.add(Observation.of(s.endedAt().plus(Duration.ofMinutes(15)), CheckInContext.POST_INFUSION,
                        s.sessionId(), score(random, Math.max(0, level - 3))));
            }
        }
        observations.sort(Comparator.comparing(Observation::recordedAt));
        Instant to = minutes(random.nextInt(days + 10) * 1440L + random.nextInt(1440));
        return new RandomCourse(observations, sessions, to);
    }

    @Test
    void theWindowShouldGiveTheWholeCoursesCategoryWheneverItSaysItDecidesIt() {
        Random random = new Random(20261126L);
        int decided = 0;
        int undecided = 0;
        int worsenedDecided = 0;
        for (int i = 0; i < 4000; i++) {
            RandomCourse course = randomCourse(random);
            List<CompletedSession> started = course.sessions().stream()
                    .filter(s -> !s.startedAt().isAfter(course.to())).toList();
            if (started.isEmpty()) {
                continue;
            }
            CategoryWindow window = new CategoryWindow(started.get(0), course.to());
            List<Observation> read = course.observations().stream().filter(window::reads).toList();
            if (!window.decides(read)) {
                undecided++;
                continue;
            }
            decided++;
            TrendQuery query = new TrendQuery(Domain.PAIN, null, course.to(), course.to(), Granularity.DAY);
            Trend whole = Trends.compute(SUBJECT, query, course.observations(), course.sessions());
            Trend windowed = Trends.compute(SUBJECT, query, read, course.sessions());
            String context = "course " + i + " to " + course.to();
            assertEquals(whole.baseline(), windowed.baseline(), context);
            assertEquals(whole.latest(), windowed.latest(), context);
            assertEquals(whole.current(), windowed.current(), context);
            assertEquals(whole.absoluteChange(), windowed.absoluteChange(), context);
            assertEquals(whole.improvementPercent(), windowed.improvementPercent(), context);
            assertEquals(whole.category(), windowed.category(), context);
            if (whole.category() == Category.WORSENED) {
                worsenedDecided++;
            }
        }
        // Both branches taken, and the window is the usual case, or it would save nothing.
        assertTrue(decided > 2 * undecided, decided + " decided, " + undecided + " not");
        assertTrue(undecided > 100, undecided + " not decided");
        assertTrue(worsenedDecided > 100, worsenedDecided + " WORSENED decided by the window");
    }

    /**
     * The window that reaches back to the end of the 4th most recent infusion, as the rules read after a write:
     * wherever it says it decides the booster forecast, the forecast is the whole course's, and it still decides
     * the categories as the shorter window does.
     */
    @Test
    void theBoosterWindowShouldGiveTheWholeCoursesForecastWheneverItSaysItDecidesIt() {
        Random random = new Random(20261206L);
        int decided = 0;
        int undecided = 0;
        int forecasts = 0;
        for (int i = 0; i < 4000; i++) {
            RandomCourse course = randomCourse(random);
            List<CompletedSession> started = course.sessions().stream()
                    .filter(s -> !s.startedAt().isAfter(course.to())).toList();
            if (started.isEmpty()) {
                continue;
            }
            CategoryWindow window = CategoryWindow.forSummary(started, course.to(), latestCheckIn(course, i));
            List<Observation> read = course.observations().stream().filter(window::reads).toList();
            TrendQuery query = new TrendQuery(Domain.PAIN, null, course.to(), course.to(), Granularity.DAY);
            BoosterForecast windowed = Trends.boosterForecast(SUBJECT, query, read, course.sessions(), List.of());
            String context = "course " + i + " to " + course.to();
            if (window.decides(read)) {
                Trend whole = Trends.compute(SUBJECT, query, course.observations(), course.sessions());
                assertEquals(whole.category(), Trends.compute(SUBJECT, query, read, course.sessions()).category(),
                        context);
            }
            if (!window.decidesBoosterForecast(read, windowed, started)) {
                undecided++;
                continue;
            }
            decided++;
            BoosterForecast whole = Trends.boosterForecast(SUBJECT, query, course.observations(), course.sessions(),
                    List.of());
            assertEquals(whole, windowed, context);
            if (whole.status() == BoosterStatus.FORECAST) {
                forecasts++;
            }
        }
        // Both branches taken. These random courses are harsher than a clinic's (long gaps, baselines often
        // unreported, reliefs that never end), so about a third are decided here.
        assertTrue(decided > 500, decided + " decided, " + undecided + " not");
        assertTrue(undecided > 50, undecided + " not decided");
        assertTrue(forecasts > 50, forecasts + " FORECAST decided by the window");
    }

    /**
     * The window an outcome summary is kept from after a write: wherever it says it decides every domain figure
     * and the forecast, they are the whole course's, the latest infusion's durability included.
     */
    @Test
    void theSummaryWindowShouldGiveEveryFigureButTheSlopeWheneverItSaysItDecidesThem() {
        Random random = new Random(20261207L);
        int decided = 0;
        int undecided = 0;
        for (int i = 0; i < 4000; i++) {
            RandomCourse course = randomCourse(random);
            List<CompletedSession> started = course.sessions().stream()
                    .filter(s -> !s.startedAt().isAfter(course.to())).toList();
            if (started.isEmpty()) {
                continue;
            }
            CategoryWindow window = CategoryWindow.forSummary(started, course.to(), latestCheckIn(course, i));
            List<Observation> read = course.observations().stream().filter(window::reads).toList();
            TrendQuery query = new TrendQuery(Domain.PAIN, null, course.to(), course.to(), Granularity.DAY);
            Trend windowed = Trends.compute(SUBJECT, query, read, course.sessions());
            if (!window.decides(read) || !window.decidesBoosterForecast(read, windowed.boosterForecast(), started)) {
                undecided++;
                continue;
            }
            decided++;
            Trend whole = Trends.compute(SUBJECT, query, course.observations(), course.sessions());
            requireSameFigures(whole, Trends.figures(SUBJECT, query, read, course.sessions(), List.of()),
                    "course " + i + " to " + course.to());
        }
        assertTrue(decided > 1000, decided + " decided, " + undecided + " not");
        assertTrue(undecided > 50, undecided + " not decided");
    }

    /**
     * Before the first infusion the baseline is the first value ever: the few oldest check-ins and the last two
     * weeks give every figure but the slope whenever the window says they do.
     */
    @Test
    void theFirstValueWindowShouldGiveEveryFigureButTheSlopeWheneverItSaysItDecidesThem() {
        Random random = new Random(20261208L);
        int decided = 0;
        int undecided = 0;
        int wholeCourses = 0;
        for (int i = 0; i < 4000; i++) {
            RandomCourse course = randomCourse(random);
            // No infusion yet: every report is a daily one (or a PRE report of an infusion still to come).
            List<Observation> observations = course.observations().stream()
                    .filter(o -> o.context() != CheckInContext.POST_INFUSION).toList();
            FirstValueWindow window = new FirstValueWindow(course.to(), latestCheckIn(course, i));
            List<Observation> upToGap = observations.stream()
                    .filter(o -> !o.recordedAt().isAfter(window.recentAfter())).toList();
            List<Observation> read = new ArrayList<>(upToGap.subList(0, Math.min(FirstValueWindow.OLDEST,
                    upToGap.size())));
            boolean oldestComplete = upToGap.size() < FirstValueWindow.OLDEST;
            observations.stream().filter(o -> o.recordedAt().isAfter(window.recentAfter())
                    && !o.recordedAt().isAfter(course.to())).forEach(read::add);
            if (!window.decides(read, oldestComplete)) {
                undecided++;
                continue;
            }
            decided++;
            wholeCourses += oldestComplete ? 1 : 0;
            TrendQuery query = new TrendQuery(Domain.PAIN, null, course.to(), course.to(), Granularity.DAY);
            requireSameFigures(Trends.compute(SUBJECT, query, observations, List.of()),
                    Trends.figures(SUBJECT, query, read, List.of(), List.of()), "course " + i + " to " + course.to());
        }
        assertTrue(decided > 1000, decided + " decided, " + undecided + " not");
        assertTrue(undecided > 50, undecided + " not decided");
        assertTrue(decided - wholeCourses > 1000, wholeCourses + " of the decided were read whole");
    }

    /** The latest check-in up to {@code to}, as a summary knows it; unknown (null) in every third course. */
    private static Instant latestCheckIn(RandomCourse course, int i) {
        return i % 3 == 0 ? null : course.observations().stream().map(Observation::recordedAt)
                .filter(at -> !at.isAfter(course.to())).max(Comparator.naturalOrder()).orElse(null);
    }

    /**
     * What an outcome summary keeps of a trend, except the slope (kept as sums) and the adherence: the window's
     * {@link Trends#figures} against the whole course's trend.
     */
    private static void requireSameFigures(Trend whole, TrendFigures windowed, String context) {
        assertEquals(whole.baseline(), windowed.baseline(), context);
        assertEquals(whole.latest(), windowed.latest(), context);
        assertEquals(whole.current(), windowed.current(), context);
        assertEquals(whole.absoluteChange(), windowed.absoluteChange(), context);
        assertEquals(whole.improvementPercent(), windowed.improvementPercent(), context);
        assertEquals(whole.category(), windowed.category(), context);
        assertEquals(whole.sessions().stream().map(Trend.SessionEffect::sessionId).toList(),
                windowed.course().stream().map(CompletedSession::sessionId).toList(), context);
        if (!whole.sessions().isEmpty()) {
            Trend.SessionEffect last = whole.sessions().get(whole.sessions().size() - 1);
            assertEquals(last.durabilityDays(), windowed.lastDurabilityDays(), context);
            assertEquals(last.durabilityCensored(), windowed.lastDurabilityCensored(), context);
        }
        assertEquals(whole.boosterForecast(), windowed.boosterForecast(), context);
    }

    @Test
    void aLatePreInfusionValueOfTheFirstSessionShouldSendTheRuleToTheWholeCourse() {
        Course course = Course.utc();
        CompletedSession first = course.session("2026-01-15T10:00:00Z", "2026-01-15T10:50:00Z");
        course.daily("2026-01-10T18:00:00Z", 4).daily("2026-02-01T18:00:00Z", 6)
                .pre(first, "2026-03-20T18:00:00Z", 4);
        CategoryWindow window = new CategoryWindow(first, Course.at("2026-03-21T00:00:00Z"));
        List<Observation> read = course.observations().stream().filter(window::reads).toList();
        // The daily value of February 1 is outside every range read, and only it makes the course followed up.
        assertEquals(2, read.size());
        assertFalse(window.decides(read));
    }

    @Test
    void aLatestValueOlderThanEightDaysShouldSendTheRuleToTheWholeCourse() {
        Course course = Course.utc();
        CompletedSession first = course.session("2026-01-15T10:00:00Z", "2026-01-15T10:50:00Z");
        course.daily("2026-01-10T18:00:00Z", 4).daily("2026-03-05T18:00:00Z", 6).daily("2026-03-12T17:00:00Z", 6);
        Instant to = Course.at("2026-03-20T18:00:00Z");
        CategoryWindow window = new CategoryWindow(first, to);
        assertFalse(window.decides(course.observations().stream().filter(window::reads).toList()));
        CategoryWindow dayLater = new CategoryWindow(first, to.minus(Duration.ofDays(1)));
        assertTrue(dayLater.decides(course.observations().stream().filter(dayLater::reads).toList()));
    }
}
