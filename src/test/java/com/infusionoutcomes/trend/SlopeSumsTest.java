package com.infusionoutcomes.trend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import org.junit.jupiter.api.Test;

import com.infusionoutcomes.checkin.CheckInContext;
import com.infusionoutcomes.checkin.Scores;

/**
 * A summary keeps the slope as sums that writes change by difference: whatever the values and the order they
 * come and go in, the sums give the slope {@link Series#slopePerWeek} computes from the whole course.
 */
class SlopeSumsTest {

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private static final UUID PATIENT = UUID.randomUUID();

    private static CheckInRow checkIn(int minutes, CheckInContext context, Integer pain) {
        return new CheckInRow(PATIENT, START.plus(Duration.ofMinutes(minutes)).plusNanos(1000L * (minutes % 7)),
                context, null, new Scores(pain, null, null, null));
    }

    @Property(tries = 300)
    void sumsKeptByDifferenceShouldGiveTheWholeCoursesSlope(
            @ForAll @Size(max = 60) List<@IntRange(min = 0, max = 400_000) Integer> minutes,
            @ForAll @Size(max = 60) List<@IntRange(min = -1, max = 10) Integer> scores,
            @ForAll @Size(max = 60) List<@IntRange(min = 0, max = 2) Integer> contexts,
            @ForAll @IntRange(min = 0, max = 20) int withdrawn) {
        List<CheckInRow> kept = new ArrayList<>();
        SlopeSums sums = SlopeSums.NONE;
        int n = Math.min(minutes.size(), Math.min(scores.size(), contexts.size()));
        for (int i = 0; i < n; i++) {
            CheckInRow row = checkIn(minutes.get(i), CheckInContext.values()[contexts.get(i)], scores.get(i) < 0 ? null : scores.get(i));
            kept.add(row);
            sums = sums.with(row, Domain.PAIN);
        }
        // Withdraw some, in an order unrelated to the one they came in.
        for (int i = 0; i < Math.min(withdrawn, kept.size()); i++) {
            CheckInRow row = kept.remove((i * 7) % kept.size());
            sums = sums.without(row, Domain.PAIN);
        }
        List<Observation> longitudinal = kept.stream().map(r -> r.observation(Domain.PAIN))
                .filter(Observation::isLongitudinal)
                .sorted(java.util.Comparator.comparing(Observation::recordedAt)).toList();
        assertEquals(Series.slopePerWeek(longitudinal), sums.slopePerWeek());
        assertEquals(longitudinal.size(), sums.n());
    }

    @Test
    void aPerfectLineShouldGiveItsOwnSlopeAndTooFewValuesNone() {
        SlopeSums sums = SlopeSums.NONE.with(checkIn(0, CheckInContext.DAILY, 2), Domain.PAIN);
        sums = sums.with(checkIn(7 * 1440, CheckInContext.PRE_INFUSION, 3), Domain.PAIN);
        assertNull(sums.slopePerWeek());
        // The third value is a week after the second, one point higher; a POST_INFUSION value does not count.
        sums = sums.with(checkIn(14 * 1440, CheckInContext.DAILY, 4), Domain.PAIN)
                .with(checkIn(15 * 1440, CheckInContext.POST_INFUSION, 10), Domain.PAIN);
        assertEquals(0, new java.math.BigDecimal("1").compareTo(sums.slopePerWeek()), sums.toString());
        assertEquals(3, sums.n());
    }
}
