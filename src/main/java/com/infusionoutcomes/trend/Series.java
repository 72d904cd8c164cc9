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

    private static final BigInteger NANOS_PER_WEEK = BigInteger.valueOf(7L * 86_400L * 1_000_000_000L);

    private Series() {
    }

    /** One point per period that has a value; a period without one is left out rather than shown as 0. */
    static List<Trend.SeriesPoint> points(List<Observation> values, ZoneId zone, Granularity granularity) {
        // Values come by recordedAt, so their periods come in order, each one's values together: one pass. A zone
        // whose clocks went back over midnight can bring a day back; then the periods are sorted.
        LocalDays days = new LocalDays(zone);
        List<Trend.SeriesPoint> points = new ArrayList<>();
        long period = Long.MIN_VALUE;
        Fraction sum = null;
        Fraction min = null;
        Fraction max = null;
        int n = 0;
        for (Observation o : values) {
            long p = granularity.period(days.epochDay(o.recordedAt()));
            Fraction value = o.value();
            if (p == period) {
                sum = sum.plus(value);
                min = value.compareTo(min) < 0 ? value : min;
                max = value.compareTo(max) > 0 ? value : max;
                n++;
                continue;
            }
            if (p < period) {
                return pointsBySorting(values, zone, granularity);
            }
            if (n > 0) {
                points.add(point(period, sum, min, max, n));
            }
            period = p;
            sum = value;
            min = value;
            max = value;
            n = 1;
        }
        if (n > 0) {
            points.add(point(period, sum, min, max, n));
        }
        return points;
    }

    private static Trend.SeriesPoint point(long period, Fraction sum, Fraction min, Fraction max, int n) {
        BigDecimal mean = sum.dividedBy(Fraction.of(n)).rounded(2);
        // Most periods of a daily series hold one value: its mean, min and max are one number.
        return n == 1 ? new Trend.SeriesPoint(LocalDate.ofEpochDay(period), mean, mean, mean, 1)
                : new Trend.SeriesPoint(LocalDate.ofEpochDay(period), mean, min.rounded(2), max.rounded(2), n);
    }

    /** {@link #points} for values whose periods do not come in order (and the tests' reference for it). */
    static List<Trend.SeriesPoint> pointsBySorting(List<Observation> values, ZoneId zone, Granularity granularity) {
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
        try {
            return slopePerWeekInLongs(values);
        } catch (ArithmeticException overflow) {
            return slopePerWeekInBigIntegers(values);
        }
    }

    /**
     * {@link #slopePerWeek} with the sums in 128-bit integers: a year in nanoseconds squared needs about 110 bits, so
     * the four sums fit with room to spare and only the final few products need BigIntegers. Throws
     * ArithmeticException where a term does not fit (centuries, or scores with huge denominators).
     */
    static BigDecimal slopePerWeekInLongs(List<Observation> values) {
        Instant origin = values.get(0).recordedAt();
        long scale = 1;
        for (Observation o : values) {
            long d = o.value().denominatorExact();
            if (d != scale) {
                scale = Math.multiplyExact(scale / gcd(scale, d), d);
            }
        }
        long originSecond = origin.getEpochSecond();
        int originNano = origin.getNano();
        Int128 sumX = new Int128();
        Int128 sumY = new Int128();
        Int128 sumXY = new Int128();
        Int128 sumXX = new Int128();
        for (Observation o : values) {
            Instant at = o.recordedAt();
            long x = Math.addExact(Math.multiplyExact(Math.subtractExact(at.getEpochSecond(), originSecond),
                    1_000_000_000L), at.getNano() - originNano);
            Fraction value = o.value();
            long y = Math.multiplyExact(value.numeratorExact(), scale / value.denominatorExact());
            sumX.add(x);
            sumY.add(y);
            sumXY.addProduct(x, y);
            sumXX.addProduct(x, x);
        }
        return perWeek(BigInteger.valueOf(values.size()), sumX.toBigInteger(), sumY.toBigInteger(),
                sumXY.toBigInteger(), sumXX.toBigInteger(), BigInteger.valueOf(scale));
    }

    /** {@link #slopePerWeek} in BigIntegers throughout: for terms beyond 64 bits, and as the tests' reference. */
    static BigDecimal slopePerWeekInBigIntegers(List<Observation> values) {
        Instant origin = values.get(0).recordedAt();
        // Scores are scaled to integers by their common denominator (1 for items, 100 for a PEG mean), so the
        // sums stay integer arithmetic; the slope is scaled back at the end.
        BigInteger scale = BigInteger.ONE;
        for (Observation o : values) {
            BigInteger d = o.value().denominator();
            scale = scale.multiply(d).divide(scale.gcd(d));
        }
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
        return perWeek(BigInteger.valueOf(values.size()), sumX, sumY, sumXY, sumXX, scale);
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
        // Per nanosecond (n Σxy - Σx Σy) / (spread scale), per week that times the nanoseconds of a week.
        return Fraction.rounded(n.multiply(sumXY).subtract(sumX.multiply(sumY)).multiply(NANOS_PER_WEEK),
                spread.multiply(scale), 2);
    }

    private static long gcd(long a, long b) {
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return a;
    }

    /**
     * A signed 128-bit running sum of longs and of products of two longs, exact: a carry out of the high half
     * throws ArithmeticException rather than wrap.
     */
    private static final class Int128 {

        private long high;
        private long low;

        void add(long value) {
            add(value < 0 ? -1 : 0, value);
        }

        void addProduct(long a, long b) {
            add(Math.multiplyHigh(a, b), a * b);
        }

        private void add(long otherHigh, long otherLow) {
            long sumLow = low + otherLow;
            long carry = Long.compareUnsigned(sumLow, low) < 0 ? 1 : 0;
            high = Math.addExact(Math.addExact(high, otherHigh), carry);
            low = sumLow;
        }

        BigInteger toBigInteger() {
            byte[] bigEndian = new byte[16];
            for (int i = 0; i < 8; i++) {
                bigEndian[i] = (byte) (high >>> (56 - 8 * i));
                bigEndian[8 + i] = (byte) (low >>> (56 - 8 * i));
            }
            return new BigInteger(bigEndian);
        }
    }
}
