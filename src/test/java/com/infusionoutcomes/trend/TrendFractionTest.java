package com.infusionoutcomes.trend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The exact arithmetic under every reported number. */
class TrendFractionTest {

    @Test
    void roundingShouldBeHalfUpOnTheExactValue() {
        // 2.675 is 2.67499999... as a double; exactly it rounds up
        assertEquals("2.68", Fraction.of(107, 40).rounded(2).toPlainString());
        assertEquals("0.13", Fraction.of(1, 8).rounded(2).toPlainString());
        assertEquals("-0.13", Fraction.of(-1, 8).rounded(2).toPlainString()); // half away from zero
        assertEquals("0.33", Fraction.of(1, 3).rounded(2).toPlainString());
    }

    @Test
    void roundedShouldDropTrailingZerosButNeverTurnScientific() {
        assertEquals("4.2", Fraction.of(21, 5).rounded(2).toString());
        assertEquals("4", Fraction.of(4).rounded(2).toString());
        assertEquals("100", Fraction.of(100).rounded(1).toString());
        assertEquals("0", Fraction.of(0).rounded(2).toString());
    }

    @Test
    void fractionsShouldBeEqualWhateverTheirTerms() {
        assertEquals(Fraction.of(1, 2), Fraction.of(-3, -6));
        assertEquals(Fraction.of(-1, 2), Fraction.of(3, -6));
        assertEquals(Fraction.of(0), Fraction.of(0, -5));
        assertEquals(Fraction.of(7, 3), Fraction.mean(List.of(Fraction.of(2), Fraction.of(2), Fraction.of(3))));
    }

    @Test
    void daysShouldBeExactElapsedTime() {
        assertEquals(Fraction.of(13, 5), Fraction.days(Duration.ofHours(62).plusMinutes(24)));
        assertEquals(Fraction.of(1, 86_400_000_000_000L), Fraction.days(Duration.ofNanos(1)));
    }

    @Test
    void improvementShouldBeSignedByDirectionAndUndefinedFromZero() {
        assertEquals(Fraction.of(30), Direction.LOWER_IS_BETTER.improvementPercent(Fraction.of(10), Fraction.of(7)));
        assertEquals(Fraction.of(-30), Direction.HIGHER_IS_BETTER.improvementPercent(Fraction.of(10), Fraction.of(7)));
        assertNull(Direction.HIGHER_IS_BETTER.improvementPercent(Fraction.of(0), Fraction.of(3)));
    }

    @Test
    void categoryShouldIncludeEachLowerBoundAndExcludeMinusTen() {
        assertEquals(Category.SUBSTANTIAL, Category.of(Fraction.of(50)));
        assertEquals(Category.MODERATE, Category.of(Fraction.of(4999, 100)));
        assertEquals(Category.MODERATE, Category.of(Fraction.of(30)));
        assertEquals(Category.MINIMAL, Category.of(Fraction.of(2999, 100)));
        assertEquals(Category.MINIMAL, Category.of(Fraction.of(10)));
        assertEquals(Category.NO_CHANGE, Category.of(Fraction.of(999, 100)));
        assertEquals(Category.NO_CHANGE, Category.of(Fraction.of(-999, 100)));
        assertEquals(Category.WORSENED, Category.of(Fraction.of(-10)));
        assertEquals(Category.INSUFFICIENT_DATA, Category.of(null));
    }
}
