package com.infusionoutcomes.outcome;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

import com.infusionoutcomes.trend.Fraction;

/**
 * The Kaplan-Meier product-limit estimate of how long relief lasts (Kaplan and Meier 1958), in exact fractions so
 * a median that falls on exactly one half is found exactly. A durability whose relief had not ended at the
 * latest value is censored: it says the relief lasted at least that long, and it leaves the risk set after its
 * time without ending relief. A censored time equal to an event time is still at risk at that event, the usual
 * convention (the censoring is taken to happen just after it).
 */
final class KaplanMeier {

    private KaplanMeier() {
    }

    /** One infusion's durability: relief ended ({@code censored} false) or was still going ({@code censored} true). */
    record Time(BigDecimal days, boolean censored) {

        Time {
            Objects.requireNonNull(days, "days");
            if (days.signum() < 0) {
                throw new IllegalArgumentException("negative time " + days);
            }
        }
    }

    /**
     * The estimate at one distinct time.
     *
     * @param atRisk how many durabilities were at least this long (still in the risk set just before it)
     * @param events how many ended here
     * @param censored how many were censored here
     * @param survival the estimated probability that relief lasts beyond {@code days}, exactly
     */
    record Step(BigDecimal days, int atRisk, int events, int censored, Fraction survival) {
    }

    /**
     * @param median the smallest time at which the estimate is at or below one half; null when it never gets
     *        there (more than half of the relief had not been seen to end)
     * @param steps one per distinct time, ascending
     */
    record Estimate(int n, int events, int censored, BigDecimal median, List<Step> steps) {
    }

    /** S(t) = ∏ over event times tᵢ ≤ t of (1 − dᵢ/nᵢ), with nᵢ at risk and dᵢ events at tᵢ. */
    static Estimate of(List<Time> times) {
        List<Time> sorted = times.stream().sorted(Comparator.comparing(Time::days)).toList();
        Fraction half = Fraction.of(1, 2);
        Fraction survival = Fraction.of(1);
        BigDecimal median = null;
        List<Step> steps = new ArrayList<>();
        int atRisk = sorted.size();
        int events = 0;
        int i = 0;
        while (i < sorted.size()) {
            BigDecimal t = sorted.get(i).days();
            int d = 0;
            int c = 0;
            // compareTo, not equals: 1.5 and 1.50 are the same time.
            while (i < sorted.size() && sorted.get(i).days().compareTo(t) == 0) {
                if (sorted.get(i).censored()) {
                    c++;
                } else {
                    d++;
                }
                i++;
            }
            if (d > 0) {
                survival = survival.times(Fraction.of(atRisk - d, atRisk));
                if (median == null && survival.compareTo(half) <= 0) {
                    median = t;
                }
            }
            steps.add(new Step(t, atRisk, d, c, survival));
            events += d;
            atRisk -= d + c;
        }
        return new Estimate(sorted.size(), events, sorted.size() - events, median, steps);
    }
}
