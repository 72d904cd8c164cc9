package com.infusionoutcomes.trend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import com.infusionoutcomes.checkin.CheckInContext;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Property: {@link Fraction}'s long arithmetic, with its fall-back to BigIntegers on overflow, gives exactly what
 * plain BigInteger rationals give, on terms drawn around every boundary where one would overflow (2^31, 2^32,
 * 2^62, 2^63) as well as small ones and ones beyond 64 bits; and the trend's one-pass series, slope and local days
 * give exactly what the straightforward computations give.
 */
class TrendFractionPropertyTest {

    /** The reference: a rational in BigIntegers, reduced as Fraction always was before it computed in longs. */
    record Ref(BigInteger n, BigInteger d) {

        Ref {
            if (d.signum() < 0) {
                n = n.negate();
                d = d.negate();
            }
            BigInteger gcd = n.gcd(d);
            n = n.divide(gcd);
            d = d.divide(gcd);
        }

        Ref plus(Ref o) {
            return new Ref(n.multiply(o.d).add(o.n.multiply(d)), d.multiply(o.d));
        }

        Ref minus(Ref o) {
            return new Ref(n.multiply(o.d).subtract(o.n.multiply(d)), d.multiply(o.d));
        }

        Ref times(Ref o) {
            return new Ref(n.multiply(o.n), d.multiply(o.d));
        }

        Ref dividedBy(Ref o) {
            return new Ref(n.multiply(o.d), d.multiply(o.n));
        }

        int compareTo(Ref o) {
            return n.multiply(o.d).compareTo(o.n.multiply(d));
        }

        BigDecimal rounded(int scale) {
            BigDecimal stripped = new BigDecimal(n).divide(new BigDecimal(d), scale, RoundingMode.HALF_UP)
                    .stripTrailingZeros();
            return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
        }

        Fraction fraction() {
            return new Fraction(n, d);
        }
    }

    @Provide
    Arbitrary<BigInteger> terms() {
        Arbitrary<Long> nearBoundaries = Combinators.combine(
                Arbitraries.of(0L, 1L << 31, 1L << 32, 1L << 62, Long.MAX_VALUE, 3_037_000_499L, 86_400_000_000_000L),
                Arbitraries.longs().between(-3, 3), Arbitraries.of(1L, -1L))
                .as((base, offset, sign) -> sign * (base + offset));
        Arbitrary<BigInteger> beyond = Arbitraries.bigIntegers()
                .between(BigInteger.ONE.shiftLeft(63).negate().subtract(BigInteger.TWO),
                        BigInteger.ONE.shiftLeft(64).add(BigInteger.TWO));
        Arbitrary<BigInteger> huge = Arbitraries.bigIntegers()
                .between(BigInteger.ONE.shiftLeft(130).negate(), BigInteger.ONE.shiftLeft(130));
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, Arbitraries.longs().between(-1_000, 1_000).map(BigInteger::valueOf)),
                net.jqwik.api.Tuple.of(2, Arbitraries.longs().map(BigInteger::valueOf)),
                net.jqwik.api.Tuple.of(3, nearBoundaries.map(BigInteger::valueOf)),
                net.jqwik.api.Tuple.of(1, beyond),
                net.jqwik.api.Tuple.of(1, huge));
    }

    @Provide
    Arbitrary<Ref> refs() {
        return Combinators.combine(terms(), terms().filter(d -> d.signum() != 0)).as(Ref::new);
    }

    @Property(tries = 3000)
    void everyOperationShouldEqualBigIntegerRationals(@ForAll("refs") Ref a, @ForAll("refs") Ref b,
            @ForAll @IntRange(min = 0, max = 6) int scale) {
        Fraction fa = a.fraction();
        Fraction fb = b.fraction();
        assertSame(a, fa);
        assertSame(a.plus(b), fa.plus(fb));
        assertSame(a.minus(b), fa.minus(fb));
        assertSame(a.times(b), fa.times(fb));
        if (b.n().signum() != 0) {
            assertSame(a.dividedBy(b), fa.dividedBy(fb));
        } else {
            assertThrows(ArithmeticException.class, () -> fa.dividedBy(fb));
        }
        assertEquals(Integer.signum(a.compareTo(b)), Integer.signum(fa.compareTo(fb)), () -> a + " vs " + b);
        assertEquals(a.n().signum(), fa.signum());
        assertEquals(a.rounded(scale), fa.rounded(scale), () -> a + " to " + scale);
        // Equal values are equal objects however they were reached, with one hash code.
        Fraction again = fa.plus(fb).minus(fb);
        assertEquals(fa, again);
        assertEquals(fa.hashCode(), again.hashCode());
        if (a.compareTo(b) != 0) {
            assertNotEquals(fa, fb);
        }
    }

    @Property(tries = 1000)
    void longTermsShouldEqualBigIntegerRationals(@ForAll long n, @ForAll long d, @ForAll long m) {
        if (d == 0) {
            assertThrows(ArithmeticException.class, () -> Fraction.of(n, d));
            return;
        }
        Ref ref = new Ref(BigInteger.valueOf(n), BigInteger.valueOf(d));
        assertSame(ref, Fraction.of(n, d));
        assertSame(new Ref(BigInteger.valueOf(m), BigInteger.ONE), Fraction.of(m));
        assertSame(ref.plus(new Ref(BigInteger.valueOf(m), BigInteger.ONE)), Fraction.of(n, d).plus(Fraction.of(m)));
        assertSame(ref.times(new Ref(BigInteger.valueOf(m), BigInteger.ONE)), Fraction.of(n, d).times(Fraction.of(m)));
    }

    @Property(tries = 1000)
    void decimalsShouldBeExact(@ForAll("terms") BigInteger unscaled, @ForAll @IntRange(min = -3, max = 25) int scale) {
        BigDecimal value = new BigDecimal(unscaled, scale);
        Ref ref = scale <= 0 ? new Ref(value.toBigIntegerExact(), BigInteger.ONE)
                : new Ref(unscaled, BigInteger.TEN.pow(scale));
        assertSame(ref, Fraction.of(value));
    }

    /** The same terms, and held in longs exactly when both fit (and the numerator is not Long.MIN_VALUE). */
    private static void assertSame(Ref expected, Fraction actual) {
        assertEquals(expected.n(), actual.numerator(), () -> expected + " vs " + actual);
        assertEquals(expected.d(), actual.denominator(), () -> expected + " vs " + actual);
        boolean fits = expected.n().bitLength() < 64 && expected.d().bitLength() < 64
                && !expected.n().equals(BigInteger.valueOf(Long.MIN_VALUE));
        assertEquals(fits, actual.isSmall(), () -> expected + " held in longs");
    }

    private static final List<String> ZONES = List.of("UTC", "America/New_York", "Europe/London", "Australia/Sydney",
            "Pacific/Auckland", "Asia/Kolkata", "America/Havana", "America/Santiago", "Asia/Tehran", "Pacific/Apia",
            "Africa/Casablanca");

    @Provide
    Arbitrary<List<Observation>> courses() {
        // Anything from a day's to several centuries' spread, by the second or by the nanosecond, with integer
        // scores or two-place decimals (a PEG mean), from the 1960s on: daylight saving rules of many kinds.
        Arbitrary<Observation> observation = Combinators.combine(
                Arbitraries.longs().between(-300_000_000L, 4_000_000_000L),
                Arbitraries.integers().between(0, 999_999_999),
                Arbitraries.frequencyOf(
                        net.jqwik.api.Tuple.of(4, Arbitraries.integers().between(0, 10).map(Fraction::of)),
                        net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0, 1_000)
                                .map(v -> Fraction.of(BigDecimal.valueOf(v, 2))))))
                .as((second, nano, value) -> new Observation(Instant.ofEpochSecond(second, nano),
                        CheckInContext.DAILY, null, value));
        Arbitrary<Long> spread = Arbitraries.of(86_400L, 90 * 86_400L, 400 * 86_400L, 300L * 365 * 86_400L);
        return Combinators.combine(observation.list().ofMinSize(0).ofMaxSize(60), spread, Arbitraries.of(true, false))
                .as((list, range, wholeSeconds) -> {
                    List<Observation> sorted = new ArrayList<>();
                    Instant origin = Instant.ofEpochSecond(-300_000_000L);
                    for (Observation o : list) {
                        Instant at = origin.plusSeconds(Math.floorMod(o.recordedAt().getEpochSecond(), range))
                                .plusNanos(wholeSeconds ? 0 : o.recordedAt().getNano());
                        sorted.add(new Observation(at, o.context(), null, o.value()));
                    }
                    sorted.sort(java.util.Comparator.comparing(Observation::recordedAt));
                    return sorted;
                });
    }

    @Property(tries = 500)
    void slopeShouldEqualTheBigIntegerSums(@ForAll("courses") List<Observation> values) {
        if (values.size() < 3) {
            return;
        }
        assertEquals(referenceSlope(values), Series.slopePerWeek(values));
        assertEquals(referenceSlope(values), Series.slopePerWeekInBigIntegers(values));
    }

    /** The slope as it was first computed: BigInteger sums, a reduced rational per nanosecond, then per week. */
    private static BigDecimal referenceSlope(List<Observation> values) {
        Instant origin = values.get(0).recordedAt();
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
            java.time.Duration between = java.time.Duration.between(origin, o.recordedAt());
            BigInteger x = BigInteger.valueOf(between.getSeconds()).multiply(BigInteger.valueOf(1_000_000_000L))
                    .add(BigInteger.valueOf(between.getNano()));
            BigInteger y = o.value().numerator().multiply(scale.divide(o.value().denominator()));
            sumX = sumX.add(x);
            sumY = sumY.add(y);
            sumXY = sumXY.add(x.multiply(y));
            sumXX = sumXX.add(x.multiply(x));
        }
        BigInteger spread = n.multiply(sumXX).subtract(sumX.multiply(sumX));
        if (spread.signum() == 0) {
            return null;
        }
        Ref perNanosecond = new Ref(n.multiply(sumXY).subtract(sumX.multiply(sumY)), spread.multiply(scale));
        Ref perDay = perNanosecond.dividedBy(new Ref(BigInteger.ONE, BigInteger.valueOf(86_400_000_000_000L)));
        return perDay.times(new Ref(BigInteger.valueOf(7), BigInteger.ONE)).rounded(2);
    }

    @Property(tries = 500)
    void onePassSeriesShouldEqualTheSortedOne(@ForAll("courses") List<Observation> values,
            @ForAll("zones") String zone, @ForAll Granularity granularity) {
        assertEquals(Series.pointsBySorting(values, ZoneId.of(zone), granularity),
                Series.points(values, ZoneId.of(zone), granularity));
    }

    @Property(tries = 500)
    void localDaysShouldEqualLocalDates(@ForAll("courses") List<Observation> values, @ForAll("zones") String zone,
            @ForAll Granularity granularity) {
        LocalDays days = new LocalDays(ZoneId.of(zone));
        for (Observation o : values) {
            long day = days.epochDay(o.recordedAt());
            assertEquals(LocalDate.ofInstant(o.recordedAt(), ZoneId.of(zone)).toEpochDay(), day, o::toString);
            assertEquals(granularity.period(o.recordedAt(), ZoneId.of(zone)).toEpochDay(), granularity.period(day));
        }
        // Backwards too: an earlier instant than the last one looked up.
        for (int i = values.size() - 1; i >= 0; i--) {
            Instant at = values.get(i).recordedAt();
            assertEquals(LocalDate.ofInstant(at, ZoneId.of(zone)).toEpochDay(), days.epochDay(at), at::toString);
        }
    }

    @Provide
    Arbitrary<String> zones() {
        return Arbitraries.of(ZONES);
    }
}
