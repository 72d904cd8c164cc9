package com.infusionoutcomes.trend;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The trend computation of docs/clinical-model.md as a pure function: the same inputs always give the same trend,
 * with no clock, database or framework behind it. Ties in recordedAt keep the caller's order, so pass
 * observations in a stable order (by recordedAt, then id) for "latest" and "first" to be reproducible.
 */
public final class Trends {

    static final Duration CURRENT_WINDOW = Duration.ofDays(7);

    private Trends() {
    }

    /**
     * @param observations every check-in of the patient in any context, with this domain's score or null; those
     *        recorded after {@code query.to()} are ignored
     * @param sessions the patient's COMPLETED sessions in any order; those started after {@code query.to()} are
     *        ignored
     */
    public static Trend compute(Subject subject, TrendQuery query, List<Observation> observations,
            List<CompletedSession> sessions) {
        return compute(subject, query, observations, sessions, List.of());
    }

    /** @param scheduled when the patient's SCHEDULED sessions are to start: what covers a booster forecast */
    public static Trend compute(Subject subject, TrendQuery query, List<Observation> observations,
            List<CompletedSession> sessions, List<Instant> scheduled) {
        Instant to = query.to();
        Measure measure = query.domain();
        Direction direction = measure.direction();
        List<Observation> seen = seen(observations, to);
        List<Observation> longitudinal = longitudinal(seen);
        List<CompletedSession> course = course(sessions, to);

        Headline headline = Headline.of(measure, longitudinal, course);
        BaselineEstimate baseline = headline.baseline();
        Observation latest = headline.latest();
        Fraction current = headline.current();
        Fraction change = headline.change();
        Fraction percent = headline.percent();

        List<SessionEffects.Durability> durabilities = SessionEffects.durabilities(course, longitudinal,
                baseline == null ? null : baseline.value(), direction);

        List<Observation> ranged = query.from() == null ? longitudinal
                : longitudinal.stream().filter(o -> !o.recordedAt().isBefore(query.from())).toList();

        return new Trend(subject.patientId(), query.domain(), direction, query.from(), to, query.granularity(),
                baseline == null ? null
                        : new Trend.Baseline(baseline.value().rounded(2), baseline.method(), baseline.n()),
                latest == null ? null : new Trend.Latest(latest.value().rounded(2), latest.recordedAt()),
                current == null ? null : new Trend.Current(current.rounded(2), headline.recentCount()),
                change == null ? null : change.rounded(2),
                percent == null ? null : percent.rounded(1),
                headline.category(),
                Series.slopePerWeek(ranged),
                Series.points(ranged, subject.timezone(), query.granularity()),
                SessionEffects.of(course, seen, durabilities, direction),
                adherence(subject, query, seen),
                BoosterForecast.of(course, durabilities, subject.timezone(), scheduled));
    }

    /** The figures an outcome summary keeps, exactly as {@link #compute} reports them, and no more. */
    public static TrendFigures figures(Subject subject, TrendQuery query, List<Observation> observations,
            List<CompletedSession> sessions, List<Instant> scheduled) {
        Instant to = query.to();
        List<Observation> longitudinal = longitudinal(seen(observations, to));
        List<CompletedSession> course = course(sessions, to);
        Headline headline = Headline.of(query.domain(), longitudinal, course);
        BaselineEstimate baseline = headline.baseline();
        List<SessionEffects.Durability> durabilities = SessionEffects.durabilities(course, longitudinal,
                baseline == null ? null : baseline.value(), query.domain().direction());
        SessionEffects.Durability last = durabilities.isEmpty() ? null : durabilities.get(durabilities.size() - 1);
        return new TrendFigures(
                baseline == null ? null
                        : new Trend.Baseline(baseline.value().rounded(2), baseline.method(), baseline.n()),
                headline.latest() == null ? null
                        : new Trend.Latest(headline.latest().value().rounded(2), headline.latest().recordedAt()),
                headline.current() == null ? null
                        : new Trend.Current(headline.current().rounded(2), headline.recentCount()),
                headline.change() == null ? null : headline.change().rounded(2),
                headline.percent() == null ? null : headline.percent().rounded(1),
                headline.category(), course,
                last == null ? null : last.days().rounded(1), last == null ? null : last.censored(),
                BoosterForecast.of(course, durabilities, subject.timezone(), scheduled));
    }

    /**
     * Only the category and the figures it comes from, exactly as {@link #compute} reports them, without the
     * series, slope, sessions and adherence: for the WORSENING rule, which runs on every pain or mood check-in.
     */
    public static TrendHeadline headline(TrendQuery query, List<Observation> observations,
            List<CompletedSession> sessions) {
        Headline headline = Headline.of(query.domain(), longitudinal(seen(observations, query.to())),
                course(sessions, query.to()));
        return new TrendHeadline(headline.baseline() == null ? null : headline.baseline().value().rounded(2),
                headline.current() == null ? null : headline.current().rounded(2),
                headline.percent() == null ? null : headline.percent().rounded(1), headline.category());
    }

    /**
     * Only the booster forecast, exactly as {@link #compute} reports it: for the BOOSTER_DUE rule, which runs after
     * every write that may move it.
     */
    public static BoosterForecast boosterForecast(Subject subject, TrendQuery query, List<Observation> observations,
            List<CompletedSession> sessions, List<Instant> scheduled) {
        List<Observation> longitudinal = longitudinal(seen(observations, query.to()));
        List<CompletedSession> course = course(sessions, query.to());
        BaselineEstimate baseline = BaselineEstimate.of(longitudinal, course.isEmpty() ? null : course.get(0));
        return BoosterForecast.of(course, SessionEffects.durabilities(course, longitudinal,
                baseline == null ? null : baseline.value(), query.domain().direction()), subject.timezone(), scheduled);
    }

    /** What a trend up to {@code to} sees: the observations recorded by then, by recordedAt (ties kept in order). */
    private static List<Observation> seen(List<Observation> observations, Instant to) {
        List<Observation> seen = new ArrayList<>(observations.size());
        boolean sorted = true;
        Instant previous = null;
        for (Observation o : observations) {
            if (!o.recordedAt().isAfter(to)) {
                sorted = sorted && (previous == null || !o.recordedAt().isBefore(previous));
                previous = o.recordedAt();
                seen.add(o);
            }
        }
        if (!sorted) {
            // A stable sort: ties keep the caller's order.
            seen.sort(Comparator.comparing(Observation::recordedAt));
        }
        return Collections.unmodifiableList(seen);
    }

    private static List<Observation> longitudinal(List<Observation> seen) {
        List<Observation> longitudinal = new ArrayList<>(seen.size());
        for (Observation o : seen) {
            if (o.isLongitudinal()) {
                longitudinal.add(o);
            }
        }
        return Collections.unmodifiableList(longitudinal);
    }

    /** The completed sessions that started up to {@code to}, by startedAt. */
    private static List<CompletedSession> course(List<CompletedSession> sessions, Instant to) {
        return sessions.stream().filter(s -> !s.startedAt().isAfter(to))
                .sorted(Comparator.comparing(CompletedSession::startedAt)).toList();
    }

    /** Baseline, latest, current, change, percent and category: the trend's answer to "does it work". */
    private record Headline(BaselineEstimate baseline, Observation latest, int recentCount, Fraction current,
            Fraction change, Fraction percent, Category category) {

        /**
         * @param longitudinal the longitudinal values up to {@code to}, by recordedAt
         * @param course the completed sessions up to {@code to}, by startedAt
         */
        static Headline of(Measure measure, List<Observation> longitudinal, List<CompletedSession> course) {
            BaselineEstimate baseline = BaselineEstimate.of(longitudinal, course.isEmpty() ? null : course.get(0));
            Observation latest = longitudinal.isEmpty() ? null : longitudinal.get(longitudinal.size() - 1);
            // The values in the window are the last ones, as the values come by recordedAt.
            Instant windowStart = latest == null ? null : latest.recordedAt().minus(CURRENT_WINDOW);
            int recentCount = 0;
            Fraction recentSum = Fraction.of(0);
            for (int i = longitudinal.size() - 1; i >= 0 && !longitudinal.get(i).recordedAt().isBefore(windowStart);
                    i--) {
                recentSum = recentSum.plus(longitudinal.get(i).value());
                recentCount++;
            }
            // baseline and current are both null or both present: each needs only one longitudinal value.
            Fraction current = baseline == null ? null : recentSum.dividedBy(Fraction.of(recentCount));
            Fraction change = baseline == null ? null : current.minus(baseline.value());
            Fraction percent = baseline == null ? null
                    : measure.direction().improvementPercent(baseline.value(), current);
            // Without a value after the baseline the "change" compares the baseline with itself: no treatment
            // effect.
            Category category = baseline != null && baseline.followedUp()
                    ? measure.categorize(baseline.value(), current, percent)
                    : Category.INSUFFICIENT_DATA;
            return new Headline(baseline, latest, recentCount, current, change, percent, category);
        }
    }

    /**
     * Days are the patient's calendar days, from the later of enrolment and {@code from} to the earlier of
     * {@code to} and now, both included. A check-in of any context and with any scores makes its day reported.
     */
    static Trend.Adherence adherence(Subject subject, TrendQuery query, List<Observation> seen) {
        ZoneId zone = subject.timezone();
        LocalDate enrolled = LocalDate.ofInstant(subject.enrolledAt(), zone);
        LocalDate first = query.from() == null ? enrolled : max(enrolled, LocalDate.ofInstant(query.from(), zone));
        Instant end = query.to().isBefore(query.now()) ? query.to() : query.now();
        LocalDate last = LocalDate.ofInstant(end, zone);
        if (first.isAfter(last)) {
            // Enrolled (or asked from) after the window ends: nothing was expected, so no rate either.
            return new Trend.Adherence(0, 0, null);
        }
        int expected = Math.toIntExact(ChronoUnit.DAYS.between(first, last) + 1);
        int reported = reportedDays(seen, zone, first.toEpochDay(), last.toEpochDay());
        return new Trend.Adherence(expected, reported, Fraction.of(reported, expected).rounded(2));
    }

    /** How many distinct local days in [first, last] have an observation. */
    private static int reportedDays(List<Observation> seen, ZoneId zone, long first, long last) {
        LocalDays days = new LocalDays(zone);
        // By recordedAt, the days come in order, so a new day is one after the last one counted; a zone whose
        // clocks went back over midnight can bring a day back, and then they are collected instead.
        int reported = 0;
        long counted = Long.MIN_VALUE;
        for (Observation o : seen) {
            long day = days.epochDay(o.recordedAt());
            if (day < first || day > last || day == counted) {
                continue;
            }
            if (day < counted) {
                Set<Long> distinct = new HashSet<>();
                for (Observation each : seen) {
                    long d = days.epochDay(each.recordedAt());
                    if (d >= first && d <= last) {
                        distinct.add(d);
                    }
                }
                return distinct.size();
            }
            counted = day;
            reported++;
        }
        return reported;
    }

    private static LocalDate max(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }
}
