package com.infusionoutcomes.outcome;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * The Wilson score interval against hand computations. With z = 1.959964, z² = 3.841459;
 * centre = (p + z²/2n) / (1 + z²/n) and half = z·√(p(1−p)/n + z²/4n²) / (1 + z²/n).
 */
class WilsonIntervalTest {

    private static final double EPSILON = 1e-6;

    @Test
    void twoOfThree() {
        // p = 0.666667, z²/n = 1.280486, denominator 2.280486
        // centre = (0.666667 + 0.640243) / 2.280486 = 1.306910 / 2.280486 = 0.573084
        // half = 1.959964 · √(0.222222/3 + 3.841459/36) / 2.280486 = 1.959964 · √(0.074074 + 0.106707) / 2.280486
        //      = 1.959964 · 0.425184 / 2.280486 = 0.365424
        // lower = 0.207660, upper = 0.938508
        WilsonInterval interval = WilsonInterval.of(2, 3);
        assertEquals(0.207660, interval.lower(), EPSILON);
        assertEquals(0.938508, interval.upper(), EPSILON);
    }

    @Test
    void oneOfThreeMirrorsTwoOfThree() {
        // p = 1/3: centre = (0.333333 + 0.640243) / 2.280486 = 0.426916, the same half-width 0.365424
        // lower = 0.061492, upper = 0.792340 (= 1 − the bounds of 2 of 3)
        WilsonInterval interval = WilsonInterval.of(1, 3);
        assertEquals(0.061492, interval.lower(), EPSILON);
        assertEquals(0.792340, interval.upper(), EPSILON);
    }

    @Test
    void threeOfFour() {
        // p = 0.75, z²/n = 0.960365, denominator 1.960365
        // centre = (0.75 + 0.480182) / 1.960365 = 0.627527
        // half = 1.959964 · √(0.1875/4 + 3.841459/64) / 1.960365 = 1.959964 · √(0.046875 + 0.060023) / 1.960365
        //      = 1.959964 · 0.326953 / 1.960365 = 0.326885
        // lower = 0.300642, upper = 0.954413
        WilsonInterval interval = WilsonInterval.of(3, 4);
        assertEquals(0.300642, interval.lower(), EPSILON);
        assertEquals(0.954413, interval.upper(), EPSILON);
    }

    @Test
    void noneAndAllStayInsideZeroToOne() {
        // 0 of 5: centre = (0 + 0.384146) / 1.768292 = 0.217241 = half, so lower is exactly 0, upper 0.434482
        WilsonInterval none = WilsonInterval.of(0, 5);
        assertEquals(0, none.lower());
        assertEquals(0.434482, none.upper(), EPSILON);
        // 5 of 5: the mirror image, 0.565518 to exactly 1
        WilsonInterval all = WilsonInterval.of(5, 5);
        assertEquals(0.565518, all.lower(), EPSILON);
        assertEquals(1, all.upper());
    }

    @Test
    void refusesAProportionOfNothing() {
        assertThrows(IllegalArgumentException.class, () -> WilsonInterval.of(0, 0));
        assertThrows(IllegalArgumentException.class, () -> WilsonInterval.of(4, 3));
    }
}
