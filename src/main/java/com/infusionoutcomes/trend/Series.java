package com.infusionoutcomes.trend;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
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
        Map<LocalDate, List<Fraction>> byPeriod = new TreeMap<>();
        for (Observation o : values) {
            byPeriod.computeIfAbsent(granularity.period(o.recordedAt(), zone), p -> new ArrayList<>()).add(o.value());
        }
        List<Trend.SeriesPoint> points = new ArrayList<>();
        byPeriod.forEach((period, scores) -> points.add(new Trend.SeriesPoint(period, Fraction.mean(scores).rounded(2),
                Collections.min(scores).rounded(2), Collections.max(scores).rounded(2), scores.size())));
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
        // Scores are scaled to integers by their common denominator (1 for items, 100 for a PEG mean), so the
        // sums stay integer arithmetic; the slope is scaled back at the end.
        BigInteger scale = BigInteger.ONE;
        for (Observation o : values) {
            BigInteger d = o.value().denominator();
            scale = scale.multiply(d).divide(scale.gcd(d));
        }
        BigInteger n = BigInteger.valueOf(values.size());
        BigInteger sumX = BigInteger.ZERO;
        BigInteger sumY = BigInteger.ZERO;
        BigInteger sumXY = BigInteger.ZERO;
        BigInteger sumXX = BigInteger.ZERO;
        for (Observation o : values) {
            BigInteger x = Fraction.nanos(Duration.between(origin, o.recordedAt()));
            BigInteger y = o.value().numerator().multiply(scale.divide(o.value().denominator()));
            sumX = sumX.add(x);
            sumY = sumY.add(y);
            sumXY = sumXY.add(x.multiply(y));
            sumXX = sumXX.add(x.multiply(x));
        }
        return perWeek(n, sumX, sumY, sumXY, sumXX, scale);
    }

    /**
     * The least-squares slope from its sums, in points per week: x in nanoseconds from any fixed origin (a shift of
     * every x leaves the slope exactly as it is), y scaled to integers by {@code scale}. Null with fewer than 3
     * values or without spread in time.
     */
    static BigDecimal perWeek(BigInteger n, BigInteger sumX, BigInteger sumY, BigInteger sumXY, BigInteger sumXX,
            BigInteger scale) {
        if (n.compareTo(BigInteger.valueOf(3)) < 0) {
            return null;
        }
        BigInteger spread = n.multiply(sumXX).subtract(sumX.multiply(sumX));
        if (spread.signum() == 0) {
            return null;
        }
        Fraction perNanosecond = new Fraction(n.multiply(sumXY).subtract(sumX.multiply(sumY)), spread.multiply(scale));
        Fraction perDay = perNanosecond.dividedBy(Fraction.days(Duration.ofNanos(1)));
        return perDay.times(DAYS_PER_WEEK).rounded(2);
    }
}
