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
 * floating-point hair. Public for the clinic outcomes, which count and multiply on the trends' own figures.
 * <p>
 * Always in lowest terms with a positive denominator, so equal values are equal objects. Almost every value of a
 * trend has small terms, so a value whose terms fit in a {@code long} is held and computed in {@code long}s, with
 * every operation checked for overflow ({@link Math#multiplyExact} and the like); one that does not fit, or an
 * operation that would overflow, is done in {@link BigInteger}s instead. Which of the two holds a value is decided
 * by the value alone, and both give the same exact results.
 */
public final class Fraction implements Comparable<Fraction> {

    private static final BigInteger NANOS_PER_SECOND = BigInteger.valueOf(1_000_000_000L);
    private static final BigInteger NANOS_PER_DAY = NANOS_PER_SECOND.multiply(BigInteger.valueOf(86_400L));
    private static final long NANOS_PER_DAY_LONG = 86_400L * 1_000_000_000L;
    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    /** 10^0 .. 10^18, the powers of ten a rounding to that many places multiplies by. */
    private static final long[] POWERS_OF_TEN = new long[19];
    /** The whole numbers a trend adds up most (0-10 scores, their sums, 100 for percentages): made once. */
    private static final Fraction[] SMALL = new Fraction[1025];

    static {
        POWERS_OF_TEN[0] = 1;
        for (int i = 1; i < POWERS_OF_TEN.length; i++) {
            POWERS_OF_TEN[i] = POWERS_OF_TEN[i - 1] * 10;
        }
        for (int i = 0; i < SMALL.length; i++) {
            SMALL[i] = new Fraction(i, 1, null, null);
        }
    }

    /**
     * The terms when they fit: {@code big} is null, {@code num} is neither {@link Long#MIN_VALUE} (so its negation
     * and absolute value fit too) nor shares a factor with {@code den}, and {@code den} is positive. Otherwise
     * {@code big} and {@code bigDen} hold the terms and {@code num} and {@code den} mean nothing.
     */
    private final long num;
    private final long den;
    private final BigInteger big;
    private final BigInteger bigDen;

    private Fraction(long num, long den, BigInteger big, BigInteger bigDen) {
        this.num = num;
        this.den = den;
        this.big = big;
        this.bigDen = bigDen;
    }

    /** Any numerator and non-zero denominator; the value is reduced to lowest terms. */
    public Fraction(BigInteger numerator, BigInteger denominator) {
        this(reduced(numerator, denominator));
    }

    private Fraction(Fraction reduced) {
        this(reduced.num, reduced.den, reduced.big, reduced.bigDen);
    }

    public static Fraction of(long value) {
        if (value >= 0 && value < SMALL.length) {
            return SMALL[(int) value];
        }
        return value == Long.MIN_VALUE ? big(LONG_MIN, BigInteger.ONE) : new Fraction(value, 1, null, null);
    }

    public static Fraction of(long numerator, long denominator) {
        return ofLongs(numerator, denominator);
    }

    /** A decimal score exactly (a PEG total of 6.33 stored with two places is 633/100). */
    public static Fraction of(BigDecimal value) {
        if (value.scale() <= 0) {
            return reduced(value.toBigIntegerExact(), BigInteger.ONE);
        }
        if (value.scale() < POWERS_OF_TEN.length && value.precision() < POWERS_OF_TEN.length) {
            return ofLongs(value.unscaledValue().longValueExact(), POWERS_OF_TEN[value.scale()]);
        }
        return reduced(value.unscaledValue(), BigInteger.TEN.pow(value.scale()));
    }

    /** The numerator in lowest terms: negative for a negative value, 0 for 0. */
    public BigInteger numerator() {
        return big == null ? BigInteger.valueOf(num) : big;
    }

    /** The denominator in lowest terms, always positive (1 for a whole number). */
    public BigInteger denominator() {
        return big == null ? BigInteger.valueOf(den) : bigDen;
    }

    /** {@link #numerator()} as a long; ArithmeticException when it does not fit. */
    long numeratorExact() {
        if (big != null) {
            throw new ArithmeticException("numerator beyond 64 bits");
        }
        return num;
    }

    /** {@link #denominator()} as a long; ArithmeticException when it does not fit. */
    long denominatorExact() {
        if (big != null) {
            throw new ArithmeticException("denominator beyond 64 bits");
        }
        return den;
    }

    /** Whether both terms are held as {@code long}s; for the tests that compare the two ways of computing. */
    boolean isSmall() {
        return big == null;
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
        try {
            return ofLongs(Math.addExact(Math.multiplyExact(duration.getSeconds(), 1_000_000_000L), duration.getNano()),
                    NANOS_PER_DAY_LONG);
        } catch (ArithmeticException overflow) {
            return reduced(nanos(duration), NANOS_PER_DAY);
        }
    }

    static BigInteger nanos(Duration duration) {
        return BigInteger.valueOf(duration.getSeconds()).multiply(NANOS_PER_SECOND)
                .add(BigInteger.valueOf(duration.getNano()));
    }

    public Fraction plus(Fraction other) {
        if (big == null && other.big == null) {
            try {
                if (den == other.den) {
                    // The common case (integer scores): no cross-multiplication, and the gcd stays trivial.
                    return ofLongs(Math.addExact(num, other.num), den);
                }
                return ofLongs(Math.addExact(Math.multiplyExact(num, other.den), Math.multiplyExact(other.num, den)),
                        Math.multiplyExact(den, other.den));
            } catch (ArithmeticException overflow) {
                // exactly, below
            }
        }
        BigInteger n = numerator();
        BigInteger d = denominator();
        BigInteger on = other.numerator();
        BigInteger od = other.denominator();
        if (d.equals(od)) {
            return reduced(n.add(on), d);
        }
        return reduced(n.multiply(od).add(on.multiply(d)), d.multiply(od));
    }

    public Fraction minus(Fraction other) {
        return plus(other.negate());
    }

    Fraction negate() {
        // A small numerator is never Long.MIN_VALUE, so its negation fits.
        return big == null ? (num == 0 ? this : new Fraction(-num, den, null, null)) : reduced(big.negate(), bigDen);
    }

    public Fraction times(Fraction other) {
        if (big == null && other.big == null) {
            try {
                return ofLongs(Math.multiplyExact(num, other.num), Math.multiplyExact(den, other.den));
            } catch (ArithmeticException overflow) {
                // exactly, below
            }
        }
        return reduced(numerator().multiply(other.numerator()), denominator().multiply(other.denominator()));
    }

    public Fraction dividedBy(Fraction other) {
        if (other == SMALL[1]) {
            return this;
        }
        if (big == null && other.big == null) {
            if (other.num == 0) {
                throw new ArithmeticException("denominator is zero");
            }
            try {
                return ofLongs(Math.multiplyExact(num, other.den), Math.multiplyExact(den, other.num));
            } catch (ArithmeticException overflow) {
                // exactly, below
            }
        }
        return reduced(numerator().multiply(other.denominator()), denominator().multiply(other.numerator()));
    }

    public int signum() {
        return big == null ? Long.signum(num) : big.signum();
    }

    @Override
    public int compareTo(Fraction other) {
        if (big == null && other.big == null) {
            if (den == other.den) {
                return Long.compare(num, other.num);
            }
            // Both products exactly, as 128-bit numbers: high halves first, then the low halves unsigned.
            long a = num * other.den;
            long b = other.num * den;
            long aHigh = Math.multiplyHigh(num, other.den);
            long bHigh = Math.multiplyHigh(other.num, den);
            return aHigh != bHigh ? Long.compare(aHigh, bHigh) : Long.compareUnsigned(a, b);
        }
        return numerator().multiply(other.denominator()).compareTo(other.numerator().multiply(denominator()));
    }

    /**
     * Rounded half-up to {@code scale} decimals for reporting, without trailing zeros (4.2, not 4.20; 4, not
     * 4.00): the JSON reads as a clinician would write it, like the plain decimals elsewhere in the API. A
     * negative scale is undone so that 100 stays 100 and never becomes 1E+2.
     */
    public BigDecimal rounded(int scale) {
        if (big == null && scale >= 0 && scale < POWERS_OF_TEN.length) {
            try {
                long scaled = Math.multiplyExact(num, POWERS_OF_TEN[scale]);
                long quotient = scaled / den;
                long remainder = Math.abs(scaled % den);
                // Half-up is half away from zero: a remainder of at least half the denominator rounds the magnitude
                // up. den - remainder cannot overflow, and comparing with it avoids doubling the remainder.
                if (remainder >= den - remainder) {
                    quotient += scaled < 0 ? -1 : 1;
                }
                int places = scale;
                while (places > 0 && quotient % 10 == 0) {
                    quotient /= 10;
                    places--;
                }
                return BigDecimal.valueOf(quotient, places);
            } catch (ArithmeticException overflow) {
                // exactly, below
            }
        }
        return rounded(numerator(), denominator(), scale);
    }

    /**
     * {@link #rounded(int)} of numerator/denominator without reducing them first: the rounding depends only on the
     * value, and a gcd of two long terms (a slope's) costs far more than the division.
     */
    static BigDecimal rounded(BigInteger numerator, BigInteger denominator, int scale) {
        BigDecimal stripped = new BigDecimal(numerator)
                .divide(new BigDecimal(denominator), scale, RoundingMode.HALF_UP).stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Fraction other)) {
            return false;
        }
        // Lowest terms and the choice of long or BigInteger follow from the value, so equal values have equal terms.
        return big == null ? other.big == null && num == other.num && den == other.den
                : big.equals(other.big) && bigDen.equals(other.bigDen);
    }

    @Override
    public int hashCode() {
        return big == null ? 31 * Long.hashCode(num) + Long.hashCode(den) : 31 * big.hashCode() + bigDen.hashCode();
    }

    @Override
    public String toString() {
        return big == null ? num + "/" + den : big + "/" + bigDen;
    }

    /** n/d in lowest terms, in longs when they fit. */
    private static Fraction ofLongs(long n, long d) {
        if (d == 0) {
            throw new ArithmeticException("denominator is zero");
        }
        if (d == 1) {
            return of(n);
        }
        if (n == Long.MIN_VALUE || d == Long.MIN_VALUE) {
            return reduced(BigInteger.valueOf(n), BigInteger.valueOf(d));
        }
        if (d < 0) {
            n = -n;
            d = -d;
        }
        long gcd = gcd(Math.abs(n), d);
        if (gcd != 1) {
            n /= gcd;
            d /= gcd;
        }
        return d == 1 ? of(n) : new Fraction(n, d, null, null);
    }

    /** Binary gcd of two non-negative longs, not both zero... or 0 and d, which gives d. */
    private static long gcd(long a, long b) {
        if (a == 0) {
            return b;
        }
        if (b == 0) {
            return a;
        }
        int shift = Long.numberOfTrailingZeros(a | b);
        a >>= Long.numberOfTrailingZeros(a);
        do {
            b >>= Long.numberOfTrailingZeros(b);
            if (a > b) {
                long t = b;
                b = a;
                a = t;
            }
            b -= a;
        } while (b != 0);
        return a << shift;
    }

    /** n/d in lowest terms with a positive denominator: in longs when both terms fit, else in BigIntegers. */
    private static Fraction reduced(BigInteger n, BigInteger d) {
        if (d.signum() == 0) {
            throw new ArithmeticException("denominator is zero");
        }
        if (d.signum() < 0) {
            n = n.negate();
            d = d.negate();
        }
        if (!d.equals(BigInteger.ONE)) {
            BigInteger gcd = n.gcd(d);
            n = n.divide(gcd);
            d = d.divide(gcd);
        }
        if (n.bitLength() < 64 && d.bitLength() < 64 && !n.equals(LONG_MIN)) {
            long ln = n.longValue();
            return d.equals(BigInteger.ONE) ? of(ln) : new Fraction(ln, d.longValue(), null, null);
        }
        return big(n, d);
    }

    private static Fraction big(BigInteger n, BigInteger d) {
        return new Fraction(0, 0, n, d);
    }
}
