package com.infusionoutcomes.outcome;

/**
 * The Wilson score interval of a proportion (Wilson 1927; Newcombe, Stat Med 1998): unlike the textbook
 * p ± z·√(p(1−p)/n) it stays inside [0, 1] and keeps its coverage with the handful of patients a caseload has,
 * including 0 of n and n of n.
 *
 * @param lower the lower bound, a proportion in [0, 1]
 * @param upper the upper bound, a proportion in [0, 1]
 */
record WilsonInterval(double lower, double upper) {

    /** The 97.5th percentile of the standard normal distribution: a two-sided 95 % interval. */
    static final double Z95 = 1.959963984540054;

    /**
     * centre = (p + z²/2n) / (1 + z²/n), half-width = z·√(p(1−p)/n + z²/4n²) / (1 + z²/n), with p = successes / n.
     *
     * @throws IllegalArgumentException when there are no trials (no proportion to bound) or successes are out of
     *         range
     */
    static WilsonInterval of(int successes, int trials) {
        if (trials <= 0 || successes < 0 || successes > trials) {
            throw new IllegalArgumentException(successes + " of " + trials);
        }
        double n = trials;
        double p = successes / n;
        double z2 = Z95 * Z95;
        double denominator = 1 + z2 / n;
        double centre = (p + z2 / (2 * n)) / denominator;
        double half = Z95 * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / denominator;
        // Exactly 0 and 1 at the ends (0 of n, n of n), where rounding would leave a hair outside [0, 1].
        return new WilsonInterval(successes == 0 ? 0 : Math.max(0, centre - half),
                successes == trials ? 1 : Math.min(1, centre + half));
    }
}
