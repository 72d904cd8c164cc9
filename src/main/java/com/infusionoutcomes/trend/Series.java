package com.infusionoutcomes.trend;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The series and the slope: the two parts of a trend that {@code from} narrows. */
final class Series {

    private static final Fraction DAYS_PER_WEEK = Fraction.of(7);

    private Series() {
    }

    /** One point per period that has a value; a period without one is left out rather than shown as 0. */
    static List<Trend.SeriesPoint> points(List<Observation> values, ZoneId zone, Granularity granularity) {
        Map<LocalDate, List<Integer>> byPeriod = new TreeMap<>();
        for (Observation o : values) {
            byPeriod.computeIfAbsent(granularity.period(o.recordedAt(), zone), p -> new ArrayList<>()).add(o.value());
        }
        List<Trend.SeriesPoint> points = new ArrayList<>();
        byPeriod.forEach((period, scores) -> points.add(new Trend.SeriesPoint(period, Fraction.mean(scores).rounded(2),
                scores.stream().mapToInt(Integer::intValue).min().orElseThrow(),
                scores.stream().mapToInt(Integer::intValue).max().orElseThrow(), scores.size())));
        return points;
    }

    /**
     * Ordinary least squares of value on time, in points per week. Time is taken in exact nanoseconds from the
     * first value, so the slope is exact and a perfect line gives exactly its own slope. Null with fewer than 3
     * values, and when all were recorded at the same instant (no time, no slope).
     */
    static BigDecimal slopePerWeek(List<Observation> values) {
        if (values.size() < 3) {
            return null;
        }
        Instant origin = values.get(0).recordedAt();
        BigInteger n = BigInteger.valueOf(values.size());
        BigInteger sumX = BigInteger.ZERO;
        BigInteger sumY = BigInteger.ZERO;
        BigInteger sumXY = BigInteger.ZERO;
        BigInteger sumXX = BigInteger.ZERO;
        for (Observation o : values) {
            BigInteger x = Fraction.nanos(Duration.between(origin, o.recordedAt()));
            BigInteger y = BigInteger.valueOf(o.value());
            sumX = sumX.add(x);
            sumY = sumY.add(y);
            sumXY = sumXY.add(x.multiply(y));
            sumXX = sumXX.add(x.multiply(x));
        }
        BigInteger spread = n.multiply(sumXX).subtract(sumX.multiply(sumX));
        if (spread.signum() == 0) {
            return null;
        }
        Fraction perNanosecond = new Fraction(n.multiply(sumXY).subtract(sumX.multiply(sumY)), spread);
        Fraction perDay = perNanosecond.dividedBy(Fraction.days(Duration.ofNanos(1)));
        return perDay.times(DAYS_PER_WEEK).rounded(2);
    }
}
