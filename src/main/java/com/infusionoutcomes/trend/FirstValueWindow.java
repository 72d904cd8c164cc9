package com.infusionoutcomes.trend;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * The counterpart of {@link CategoryWindow} for a course without a completed infusion, whose baseline is the first
 * value ever (FIRST_VALUE): the few oldest check-ins, which hold each domain's first value, and the last
 * {@link CategoryWindow#RECENT 15 days} up to the latest check-in, which hold the latest value and its 7 days. Together they give the
 * baseline, latest, current, change, improvementPercent and category of the whole course, provided
 * {@link #decides} holds; the slope comes from the summary's sums, and there is no durability or forecast to give.
 *
 * @param to the instant the figures are as of
 * @param latestCheckIn the latest check-in up to {@code to}, or null when unknown: when older than {@code to}, the
 *        recent range ends there, so a patient silent for weeks still has the values before the silence read
 */
public record FirstValueWindow(Instant to, Instant latestCheckIn) {

    /** How many of the oldest check-ins are read: enough for a first value of every domain in all but odd courses. */
    public static final int OLDEST = 8;

    /** The recent range is (recentAfter, to]. */
    public Instant recentAfter() {
        Instant anchor = latestCheckIn != null && latestCheckIn.isBefore(to) ? latestCheckIn : to;
        return anchor.minus(CategoryWindow.RECENT);
    }

    /**
     * Whether the check-ins read (the {@link #OLDEST} oldest up to {@link #recentAfter}, then every one after it)
     * give the domain's figures the whole course gives.
     *
     * @param oldestComplete fewer than {@link #OLDEST} check-ins were recorded up to {@link #recentAfter}: the
     *        read is the whole course
     */
    boolean decides(List<Observation> read, boolean oldestComplete) {
        if (oldestComplete) {
            return true;
        }
        List<Observation> longitudinal = read.stream().filter(Observation::isLongitudinal)
                .sorted(Comparator.comparing(Observation::recordedAt)).toList();
        if (longitudinal.isEmpty()) {
            return false;
        }
        Instant after = recentAfter();
        // The first value is among the oldest read only if one of them has it; a later one may hide in the gap.
        boolean firstRead = !longitudinal.get(0).recordedAt().isAfter(after);
        Observation latest = longitudinal.get(longitudinal.size() - 1);
        boolean currentRead = latest.recordedAt().minus(Trends.CURRENT_WINDOW).isAfter(after);
        return firstRead && currentRead;
    }
}
