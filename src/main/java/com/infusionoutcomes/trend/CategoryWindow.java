package com.infusionoutcomes.trend;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import com.infusionoutcomes.checkin.CheckInContext;

/**
 * The few weeks of a course that decide its category as of {@code to}, for the outcome summary, which is brought up
 * to date by every write and must not cost a read of the whole course (a year is ~360 rows per patient, and a
 * synced batch would read them under the patient's lock).
 *
 * <p>The category needs the baseline (the values in [S - 14 days, S] and the first session's PRE_INFUSION values,
 * wherever they were recorded), the current mean (the 7 days up to the latest value) and whether anything outside
 * the baseline was recorded after S. The check-ins {@link #reads} selects are those three disjoint ranges: the
 * baseline window, the first session's PRE_INFUSION check-ins outside the other two, and everything after
 * {@link #recentAfter}. From them {@link Trends#compute} gives the whole course's baseline, latest, current,
 * change, improvementPercent and category, provided {@link #decides} holds; when it does not (a FIRST_VALUE
 * baseline, a latest value older than the recent range allows, a latest value that is itself a late first-session
 * PRE_INFUSION value), the caller reads the whole course. TrendCategoryWindowTest checks the equivalence on random
 * courses.
 *
 * <p>The same reads also decide the latest infusion's durability and the booster forecast when the recent range
 * reaches back far enough: {@link #forSummary} makes it start at the end of the 4th most recent infusion, so the
 * durability of the latest infusion and of the 3 before it is read whole ({@link #decidesBoosterForecast}).
 *
 * @param first the patient's first completed session up to {@code to}
 * @param readAllAfter when not null and earlier than the last 15 days, the recent range starts here instead (never
 *        before S)
 */
public record CategoryWindow(CompletedSession first, Instant to, Instant readAllAfter) {

    /** How far back the recent range reaches: the current window's 7 days plus room for a latest value 8 days old. */
    static final Duration RECENT = Duration.ofDays(15);

    public CategoryWindow(CompletedSession first, Instant to) {
        this(first, to, null);
    }

    /**
     * The window of an outcome summary, which decides the categories, the latest infusion's durability and, in
     * most courses, the booster forecast as of {@code to}: it reads everything after the end of the 4th most recent
     * infusion (of the first, in a course of fewer), so a course of boosters weeks apart costs a few months of
     * check-ins, still far fewer than a course of years, and an induction series only its few weeks.
     *
     * <p>The recent range is anchored at the latest check-in rather than at {@code to} when that is older: a patient
     * silent for weeks still has the values before the silence read, not an empty range.
     *
     * @param course the completed sessions up to {@code to}, by startedAt; not empty
     * @param latestCheckIn the latest check-in up to {@code to}, or null when unknown
     */
    public static CategoryWindow forSummary(List<CompletedSession> course, Instant to, Instant latestCheckIn) {
        int oldestNeeded = Math.max(0, course.size() - 1 - BoosterForecast.RECENT_INFUSIONS);
        Instant readAllAfter = course.get(oldestNeeded).endedAt();
        if (latestCheckIn != null && latestCheckIn.minus(RECENT).isBefore(readAllAfter)) {
            readAllAfter = latestCheckIn.minus(RECENT);
        }
        return new CategoryWindow(course.get(0), to, readAllAfter);
    }

    public CategoryWindow {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(to, "to");
        if (first.startedAt().isAfter(to)) {
            throw new IllegalArgumentException("the first session started after " + to);
        }
    }

    /** S - 14 days: the baseline window is [baselineFrom, S], both included. */
    public Instant baselineFrom() {
        return first.startedAt().minus(BaselineEstimate.WINDOW);
    }

    /** S, the first completed session's startedAt. */
    public Instant baselineTo() {
        return first.startedAt();
    }

    /** The recent range is (recentAfter, to]: the last 15 days, or everything after S when the course is younger. */
    public Instant recentAfter() {
        Instant fifteenDaysAgo = to.minus(RECENT);
        Instant after = fifteenDaysAgo.isAfter(first.startedAt()) ? fifteenDaysAgo : first.startedAt();
        if (readAllAfter != null && readAllAfter.isBefore(after)) {
            after = readAllAfter.isAfter(first.startedAt()) ? readAllAfter : first.startedAt();
        }
        return after;
    }

    public UUID firstSessionId() {
        return first.sessionId();
    }

    /** Whether a check-in is one of those read: the in-memory twin of the repository's three range reads. */
    boolean reads(Observation o) {
        Instant at = o.recordedAt();
        if (at.isAfter(to)) {
            return false;
        }
        // Every first-session PRE_INFUSION check-in, also one without this domain's value: the read is by row.
        boolean firstPre = o.context() == CheckInContext.PRE_INFUSION && first.sessionId().equals(o.sessionId());
        return BaselineEstimate.inWindow(at, first) || at.isAfter(recentAfter()) || firstPre;
    }

    /**
     * Whether the observations {@link #reads} selected (all of them, in any order) give the category the whole
     * course would give.
     */
    boolean decides(List<Observation> read) {
        List<Observation> longitudinal = read.stream().filter(Observation::isLongitudinal)
                .sorted(Comparator.comparing(Observation::recordedAt)).toList();
        if (longitudinal.isEmpty()) {
            return false;
        }
        boolean baselineRead = longitudinal.stream().anyMatch(o -> BaselineEstimate.isBaselineValue(o, first));
        Observation latest = longitudinal.get(longitudinal.size() - 1);
        // Everything from here to `to` was read, so the latest value and its 7 days are complete.
        Instant readWithoutGapsAfter = recentAfter().equals(first.startedAt()) ? baselineFrom() : recentAfter();
        boolean currentRead = latest.recordedAt().minus(Trends.CURRENT_WINDOW).isAfter(readWithoutGapsAfter);
        // A non-baseline value after S shows up as the latest one, unless the latest is a late PRE_INFUSION value
        // of the first session (part of the baseline) hiding an unread value between S and the recent range.
        boolean followUpVisible = !(latest.isValueOf(CheckInContext.PRE_INFUSION, first.sessionId())
                && latest.recordedAt().isAfter(first.startedAt()));
        // Without a baseline value the baseline is FIRST_VALUE, the first value ever: not among those read.
        return baselineRead && currentRead && followUpVisible;
    }

    /**
     * Whether the observations {@link #reads} selected give the booster forecast the whole course would give,
     * {@code forecast} being the one computed from them. The baseline is the whole course's when one of its values
     * was read; a session's durability is exact when everything after its end was read. The forecast looks at L
     * and then back until 3 ended reliefs are found (past a relief that had not ended, or was unknown, it looks
     * further): it is decided when every session it looked at is exact, which the oldest of them tells, as
     * sessions end in order.
     *
     * @param course the completed sessions up to {@code to}, by startedAt
     */
    boolean decidesBoosterForecast(List<Observation> read, BoosterForecast forecast, List<CompletedSession> course) {
        boolean baselineRead = read.stream().filter(Observation::isLongitudinal)
                .anyMatch(o -> BaselineEstimate.isBaselineValue(o, first));
        int oldestLookedAt;
        if (forecast.status() == BoosterStatus.RELIEF_ENDED) {
            oldestLookedAt = course.size() - 1;
        } else if (forecast.basedOnSessionIds().size() == BoosterForecast.RECENT_INFUSIONS) {
            UUID oldestBasis = forecast.basedOnSessionIds().get(BoosterForecast.RECENT_INFUSIONS - 1);
            oldestLookedAt = course.stream().map(CompletedSession::sessionId).toList().indexOf(oldestBasis);
        } else {
            oldestLookedAt = 0;
        }
        return baselineRead && !course.get(oldestLookedAt).endedAt().isBefore(recentAfter());
    }
}
