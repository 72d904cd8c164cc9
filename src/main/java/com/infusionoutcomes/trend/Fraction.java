package com.infusionoutcomes.trend;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.List;

/**
 * An exact rational number. Scores are integers or short decimals (a PEG mean) and instants are whole nanoseconds, so every mean, change,
 * percent, slope and duration of a trend is a ratio of integers. Keeping them exact means a category
 * boundary (a change of exactly 30 %) or a half-up rounding (x.xx5) never falls on the wrong side by a
 * floating-point hair.
 */
record Fraction(BigInteger numerator, BigInteger denominator) implements Comparable<Fraction> {

    private static final BigInteger NANOS_PER_SECOND = BigInteger.valueOf(1_000_000_000L);
    private static final BigInteger NANOS_PER_DAY = NANOS_PER_SECOND.multiply(BigInteger.valueOf(86_400L));

    Fraction {
        if (denominator.signum() == 0) {
            throw new ArithmeticException("denominator is zero");
        }
        if (denominator.signum() < 0) {
            numerator = numerator.negate();
            denominator = denominator.negate();
        }
        // Whole numbers (integer scores, their sums) are most of what a trend adds up: nothing to reduce.
        if (!denominator.equals(BigInteger.ONE)) {
            BigInteger gcd = numerator.gcd(denominator);
            numerator = numerator.divide(gcd);
            denominator = denominator.divide(gcd);
        }
    }

    static Fraction of(long value) {
        return new Fraction(BigInteger.valueOf(value), BigInteger.ONE);
    }

    static Fraction of(long numerator, long denominator) {
        return new Fraction(BigInteger.valueOf(numerator), BigInteger.valueOf(denominator));
    }

    /** A decimal score exactly (a PEG total of 6.33 stored with two places is 633/100). */
    static Fraction of(BigDecimal value) {
        return value.scale() <= 0 ? new Fraction(value.toBigIntegerExact(), BigInteger.ONE)
                : new Fraction(value.unscaledValue(), BigInteger.TEN.pow(value.scale()));
    }

    static Fraction mean(List<Fraction> values) {
        Fraction sum = Fraction.of(0);
        for (Fraction value : values) {
            sum = sum.plus(value);
        }
        return sum.dividedBy(Fraction.of(values.size()));
    }

    /** Elapsed time in days of 24 hours: durability is physical time, a DST night does not shorten it. */
    static Fraction days(Duration duration) {
        return new Fraction(nanos(duration), NANOS_PER_DAY);
    }

    static BigInteger nanos(Duration duration) {
        return BigInteger.valueOf(duration.getSeconds()).multiply(NANOS_PER_SECOND)
                .add(BigInteger.valueOf(duration.getNano()));
    }

    Fraction plus(Fraction other) {
        if (denominator.equals(other.denominator)) {
            // The common case (integer scores): no cross-multiplication, and the gcd stays trivial.
            return new Fraction(numerator.add(other.numerator), denominator);
        }
        return new Fraction(numerator.multiply(other.denominator).add(other.numerator.multiply(denominator)),
                denominator.multiply(other.denominator));
    }

    Fraction minus(Fraction other) {
        return plus(other.negate());
    }

    Fraction negate() {
        return new Fraction(numerator.negate(), denominator);
    }

    Fraction times(Fraction other) {
        return new Fraction(numerator.multiply(other.numerator), denominator.multiply(other.denominator));
    }

    Fraction dividedBy(Fraction other) {
        return new Fraction(numerator.multiply(other.denominator), denominator.multiply(other.numerator));
    }

    int signum() {
        return numerator.signum();
    }

    @Override
    public int compareTo(Fraction other) {
        return numerator.multiply(other.denominator).compareTo(other.numerator.multiply(denominator));
    }

    /**
     * Rounded half-up to {@code scale} decimals for reporting, without trailing zeros (4.2, not 4.20; 4, not
     * 4.00): the JSON reads as a clinician would write it, like the plain decimals elsewhere in the API. A
     * negative scale is undone so that 100 stays 100 and never becomes 1E+2.
     */
    BigDecimal rounded(int scale) {
        BigDecimal stripped = new BigDecimal(numerator)
                .divide(new BigDecimal(denominator), scale, RoundingMode.HALF_UP).stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    @Override
    public String toString() {
        return numerator + "/" + denominator;
    }
}
