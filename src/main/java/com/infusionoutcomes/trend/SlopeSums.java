package com.infusionoutcomes.trend;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;

/**
 * The exact sums behind a course's least-squares slope of a 0-10 item: n, Σx, Σy, Σxy and Σx², x in nanoseconds
 * since the epoch. A value joins or leaves by adding or subtracting its terms, so a write that adds, corrects or
 * withdraws a check-in updates the slope without reading the rest of the course, and the slope is the one
 * {@link Trends#compute} reports for the whole course, to the last digit.
 */
public record SlopeSums(long n, BigInteger sumX, long sumY, BigInteger sumXY, BigInteger sumXX) {

    public static final SlopeSums NONE = new SlopeSums(0, BigInteger.ZERO, 0, BigInteger.ZERO, BigInteger.ZERO);

    /** The sums of a course's values as a trend of the domain sees them (longitudinal values only). */
    static SlopeSums of(Iterable<Observation> values) {
        SlopeSums sums = NONE;
        for (Observation o : values) {
            if (o.isLongitudinal()) {
                sums = sums.plus(o.recordedAt(), o.value().numerator().intValueExact());
            }
        }
        return sums;
    }

    /** With the check-in's value in the domain added, when a trend of the domain counts it. */
    public SlopeSums with(CheckInRow checkIn, Domain domain) {
        Observation o = checkIn.observation(domain);
        return o.isLongitudinal() ? plus(o.recordedAt(), o.value().numerator().intValueExact()) : this;
    }

    /** With the check-in's value in the domain taken away, when a trend of the domain counted it. */
    public SlopeSums without(CheckInRow checkIn, Domain domain) {
        Observation o = checkIn.observation(domain);
        return o.isLongitudinal() ? add(o.recordedAt(), o.value().numerator().intValueExact(), -1) : this;
    }

    private SlopeSums plus(Instant recordedAt, int value) {
        return add(recordedAt, value, 1);
    }

    private SlopeSums add(Instant recordedAt, int value, int sign) {
        BigInteger x = Fraction.nanos(Duration.between(Instant.EPOCH, recordedAt));
        BigInteger y = BigInteger.valueOf(value);
        BigInteger s = BigInteger.valueOf(sign);
        return new SlopeSums(n + sign, sumX.add(x.multiply(s)), sumY + (long) sign * value,
                sumXY.add(x.multiply(y).multiply(s)), sumXX.add(x.multiply(x).multiply(s)));
    }

    /** The slope in points per week, rounded as a trend shows it; null with fewer than 3 values. */
    public BigDecimal slopePerWeek() {
        return Series.perWeek(BigInteger.valueOf(n), sumX, BigInteger.valueOf(sumY), sumXY, sumXX, BigInteger.ONE);
    }
}
