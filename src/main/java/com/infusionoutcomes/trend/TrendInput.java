package com.infusionoutcomes.trend;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Everything one patient's trends are computed from, however it was loaded: the per-patient endpoints and the
 * panel both compute through {@link #trend}, so a panel row and the patient's own trend cannot disagree.
 *
 * @param checkIns the patient's check-ins up to {@code to}, by recordedAt then id (the order ties are kept in)
 * @param sessions the patient's completed sessions up to {@code to}, numbered as the API numbers them
 * @param scheduled when the patient's SCHEDULED sessions are to start
 */
public record TrendInput(Subject subject, List<CheckInRow> checkIns, List<CompletedSession> sessions,
        List<Instant> scheduled) {

    /** The trend of one of the four check-in items. */
    public Trend trend(TrendQuery query) {
        return Trends.compute(subject, query, observations((Domain) query.domain()), sessions, scheduled);
    }

    /** What an outcome summary keeps of the trend of one of the four check-in items as of {@code to}. */
    public TrendFigures figures(Domain domain, Instant to) {
        return Trends.figures(subject, new TrendQuery(domain, null, to, to, Granularity.DAY), observations(domain),
                sessions, scheduled);
    }

    /** The slope of one of the four check-in items over the whole of these check-ins up to {@code to}. */
    public java.math.BigDecimal slopePerWeek(Domain domain, Instant to) {
        return Series.slopePerWeek(observations(domain).stream()
                .filter(o -> o.isLongitudinal() && !o.recordedAt().isAfter(to)).toList());
    }

    /** The booster forecast of one of the four check-in items, as {@link #trend} would report it. */
    public BoosterForecast boosterForecast(Domain domain, Instant to) {
        return Trends.boosterForecast(subject, new TrendQuery(domain, null, to, to, Granularity.DAY),
                observations(domain), sessions, scheduled);
    }

    /**
     * Whether these check-ins, read for the window, give the booster forecast of the domain the whole course gives.
     */
    public boolean decidesBoosterForecast(Domain domain, CategoryWindow window) {
        return window.decidesBoosterForecast(observations(domain), boosterForecast(domain, window.to()), sessions);
    }

    /** The category of one of the four check-in items and its figures, as {@link #trend} would report them. */
    public TrendHeadline headline(Domain domain, Instant to) {
        return Trends.headline(new TrendQuery(domain, null, to, to, Granularity.DAY), observations(domain), sessions);
    }

    /** Whether these check-ins, read for the window, give the category of the domain the whole course gives. */
    public boolean decidesCategory(Domain domain, CategoryWindow window) {
        return window.decides(observations(domain));
    }

    /** Whether these check-ins, read for the window of a course without infusions, give the domain's figures. */
    boolean decidesWithoutSessions(Domain domain, FirstValueWindow window, boolean oldestComplete) {
        return window.decides(observations(domain), oldestComplete);
    }

    /** The sums of the domain's slope over these check-ins (up to {@code to}, as a trend sees them). */
    public SlopeSums slopeSums(Domain domain, Instant to) {
        return SlopeSums.of(observations(domain).stream().filter(o -> !o.recordedAt().isAfter(to)).toList());
    }

    private List<Observation> observations(Domain domain) {
        List<Observation> observations = new ArrayList<>(checkIns.size());
        for (CheckInRow c : checkIns) {
            observations.add(c.observation(domain));
        }
        return Collections.unmodifiableList(observations);
    }

    /** When the patient last reported anything, in any context and domain; null if never (up to {@code to}). */
    public Instant lastCheckInAt() {
        Instant last = null;
        // The latest is last in a whole course; a windowed read is several ranges, so look at each.
        for (CheckInRow row : checkIns) {
            if (last == null || row.recordedAt().isAfter(last)) {
                last = row.recordedAt();
            }
        }
        return last;
    }
}
