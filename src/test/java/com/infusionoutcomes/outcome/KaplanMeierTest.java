package com.infusionoutcomes.outcome;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.infusionoutcomes.trend.Fraction;

/** The product-limit estimate against hand computations: S(t) = ∏ (1 − dᵢ/nᵢ) over event times up to t. */
class KaplanMeierTest {

    private static KaplanMeier.Time ended(String days) {
        return new KaplanMeier.Time(new BigDecimal(days), false);
    }

    private static KaplanMeier.Time censored(String days) {
        return new KaplanMeier.Time(new BigDecimal(days), true);
    }

    private static void assertStep(KaplanMeier.Step step, String days, int atRisk, int events, int censored,
            long survivalNumerator, long survivalDenominator) {
        assertEquals(0, new BigDecimal(days).compareTo(step.days()), "days");
        assertEquals(atRisk, step.atRisk(), "at risk at " + days);
        assertEquals(events, step.events(), "events at " + days);
        assertEquals(censored, step.censored(), "censored at " + days);
        assertEquals(0, Fraction.of(survivalNumerator, survivalDenominator).compareTo(step.survival()),
                "S(" + days + ") = " + step.survival());
    }

    @Test
    void censoringLeavesTheRiskSetWithoutAStep() {
        // 1.0 ended, 1.2 censored, 1.5 ended, 3.0 ended (given out of order)
        // t = 1.0: 4 at risk, 1 ends -> S = 1 · (1 − 1/4) = 3/4
        // t = 1.2: 3 at risk, 1 censored -> S stays 3/4, the risk set drops to 2
        // t = 1.5: 2 at risk, 1 ends -> S = 3/4 · (1 − 1/2) = 3/8 = 0.375 <= 0.5: the median is 1.5
        // t = 3.0: 1 at risk, 1 ends -> S = 0
        KaplanMeier.Estimate estimate = KaplanMeier.of(List.of(ended("3.0"), ended("1.5"), censored("1.2"),
                ended("1.0")));
        assertEquals(4, estimate.n());
        assertEquals(3, estimate.events());
        assertEquals(1, estimate.censored());
        assertEquals(0, new BigDecimal("1.5").compareTo(estimate.median()));
        assertEquals(4, estimate.steps().size());
        assertStep(estimate.steps().get(0), "1.0", 4, 1, 0, 3, 4);
        assertStep(estimate.steps().get(1), "1.2", 3, 0, 1, 3, 4);
        assertStep(estimate.steps().get(2), "1.5", 2, 1, 0, 3, 8);
        assertStep(estimate.steps().get(3), "3.0", 1, 1, 0, 0, 1);
    }

    @Test
    void aMedianOfExactlyOneHalfIsFoundExactly() {
        // 1.0 ended, 2.0 ended, 3.0 censored, 4.0 ended, 5.0 censored, 6.0 censored
        // t = 1.0: 6 at risk, 1 ends -> 5/6; t = 2.0: 5 at risk, 1 ends -> 5/6 · 4/5 = 2/3
        // t = 3.0: censored, 4 -> 3 at risk; t = 4.0: 3 at risk, 1 ends -> 2/3 · 2/3 = 4/9 <= 1/2: median 4.0
        KaplanMeier.Estimate estimate = KaplanMeier.of(List.of(ended("1.0"), ended("2.0"), censored("3.0"),
                ended("4.0"), censored("5.0"), censored("6.0")));
        assertEquals(0, new BigDecimal("4.0").compareTo(estimate.median()));
        assertStep(estimate.steps().get(3), "4.0", 3, 1, 0, 4, 9);
        // Exactly 1/2, which products of doubles can miss by a hair:
        // 1.0 ended, 2.0 ended twice, 3.0 ended, four censored at 5.0: n = 8
        // t = 1.0: 8 at risk -> 7/8; t = 2.0: 7 at risk, 2 end -> 7/8 · 5/7 = 5/8; t = 3.0: 5 at risk -> 5/8 · 4/5 = 1/2
        KaplanMeier.Estimate half = KaplanMeier.of(List.of(ended("1.0"), ended("2.0"), ended("2.0"), ended("3.0"),
                censored("5.0"), censored("5.0"), censored("5.0"), censored("5.0")));
        assertStep(half.steps().get(2), "3.0", 5, 1, 0, 1, 2);
        assertEquals(0, new BigDecimal("3.0").compareTo(half.median()));
        assertStep(half.steps().get(3), "5.0", 4, 0, 4, 1, 2);
    }

    @Test
    void aCensoredTimeEqualToAnEventIsStillAtRiskThere() {
        // 2.0 ended, 2.0 censored, 2.5 ended: at t = 2.0 both are at risk (3), 1 ends -> 2/3;
        // then 1 at risk at 2.5 -> 0. The median is 2.5, where S first reaches 1/2 or less.
        KaplanMeier.Estimate estimate = KaplanMeier.of(List.of(censored("2.0"), ended("2.0"), ended("2.5")));
        assertStep(estimate.steps().get(0), "2.0", 3, 1, 1, 2, 3);
        assertStep(estimate.steps().get(1), "2.5", 1, 1, 0, 0, 1);
        assertEquals(0, new BigDecimal("2.5").compareTo(estimate.median()));
    }

    @Test
    void withoutEnoughEndedReliefThereIsNoMedian() {
        // 1.0 ended, 2.0 censored, 3.0 censored: S = 2/3 and stays there, above 1/2
        KaplanMeier.Estimate estimate = KaplanMeier.of(List.of(ended("1.0"), censored("2.0"), censored("3.0")));
        assertNull(estimate.median());
        assertStep(estimate.steps().get(2), "3.0", 1, 0, 1, 2, 3);
        KaplanMeier.Estimate empty = KaplanMeier.of(List.of());
        assertEquals(0, empty.n());
        assertNull(empty.median());
        assertEquals(List.of(), empty.steps());
    }
}
