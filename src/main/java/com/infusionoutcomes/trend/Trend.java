package com.infusionoutcomes.trend;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * One patient's trend in one domain (or one instrument's score), as docs/clinical-model.md defines it and as the
 * API serialises it (nulls included). Decimals are rounded half-up to 2 places, percentages to 1 place and
 * durability to 1 place of a day, without trailing zeros; every value was computed from unrounded inputs.
 *
 * @param domain what is followed: one of the four check-in items, or peg, phq9, gad7
 * @param from echoed from the query: the start of {@code series} and {@code slopePerWeek} only
 * @param baseline null when no longitudinal value was recorded up to {@code to}
 * @param latest null when no longitudinal value was recorded up to {@code to}
 * @param current null when no longitudinal value was recorded up to {@code to}
 * @param absoluteChange current - baseline on the raw scale (signed, not direction-aware)
 * @param improvementPercent positive is better, whichever way the domain's scale runs; null when the baseline
 *        is 0 or missing
 * @param slopePerWeek null with fewer than 3 values in [from, to], or when they were all recorded at one instant
 * @param series one point per local day or ISO week that has a value in [from, to], oldest first; null only in
 *        a trend that was asked for without its series (see {@link #withoutSeries()}), never from {@link Trends}
 * @param sessions every completed session that started up to {@code to}, by startedAt, with or without values
 */
public record Trend(
        UUID patientId,
        Measure domain,
        Direction direction,
        Instant from,
        Instant to,
        Granularity granularity,
        Baseline baseline,
        Latest latest,
        Current current,
        BigDecimal absoluteChange,
        BigDecimal improvementPercent,
        Category category,
        BigDecimal slopePerWeek,
        List<SeriesPoint> series,
        List<SessionEffect> sessions,
        Adherence adherence) {

    public Trend {
        series = series == null ? null : List.copyOf(series);
        sessions = List.copyOf(sessions);
    }

    /**
     * The same trend with {@code series} null: an overview of all four domains leaves the points out unless asked,
     * and null says "not included" where an empty list would claim "no values".
     */
    public Trend withoutSeries() {
        return new Trend(patientId, domain, direction, from, to, granularity, baseline, latest, current,
                absoluteChange, improvementPercent, category, slopePerWeek, null, sessions, adherence);
    }

    /** @param n how many values the mean is of (1 for FIRST_VALUE) */
    public record Baseline(BigDecimal value, BaselineMethod method, int n) {
    }

    /** @param value an integer for the 0-10 items and PHQ-9/GAD-7 totals; up to 2 decimals for a PEG score */
    public record Latest(BigDecimal value, Instant recordedAt) {
    }

    /** The mean of the values in the 7 days up to and including the latest one. */
    public record Current(BigDecimal value, int n) {
    }

    /** @param period the local date (DAY) or the Monday of the ISO week (WEEK) */
    public record SeriesPoint(LocalDate period, BigDecimal mean, BigDecimal min, BigDecimal max, int n) {
    }

    /**
     * What one infusion did: its acute effect (pre and post are the latest such values for the session) and how
     * long the relief lasted.
     *
     * @param acuteChange post - pre on the raw scale; null unless both were recorded
     * @param acuteImprovementPercent relative to pre, positive is better; null when pre is 0 or either is missing
     * @param durabilityDays days from endedAt to the first value that is no longer 30 % better than baseline, or to
     *        the last value when all of them are; null when there are no values after the session or no usable
     *        baseline
     * @param durabilityCensored true when relief had not yet ended at the last value (durabilityDays is a lower
     *        bound); null whenever durabilityDays is null, as there is nothing to qualify
     */
    public record SessionEffect(
            UUID sessionId,
            int number,
            Instant startedAt,
            BigDecimal pre,
            BigDecimal post,
            BigDecimal acuteChange,
            BigDecimal acuteImprovementPercent,
            BigDecimal durabilityDays,
            Boolean durabilityCensored) {
    }

    /** @param rate reportedDays / expectedDays; null when no day is expected yet (expectedDays 0) */
    public record Adherence(int expectedDays, int reportedDays, BigDecimal rate) {
    }

    /**
     * How long the most recent infusion's relief has lasted so far: the signal for booster timing on a panel.
     * Empty when there is no session or its durability is unknown.
     */
    @JsonIgnore
    public Optional<BigDecimal> lastDurabilityDays() {
        return sessions.isEmpty() ? Optional.empty()
                : Optional.ofNullable(sessions.get(sessions.size() - 1).durabilityDays());
    }
}
