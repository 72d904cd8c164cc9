package com.infusionoutcomes.trend;

/** Which end of a 0-10 scale is the good one; every trend states it so no client has to guess. */
public enum Direction {
    LOWER_IS_BETTER, HIGHER_IS_BETTER;

    /**
     * Improvement from {@code reference} to {@code value} in percent of the reference, positive when the patient
     * is better whichever way the scale runs; null when the reference is 0, where no percentage
     * of it means anything.
     */
    Fraction improvementPercent(Fraction reference, Fraction value) {
        if (reference.signum() == 0) {
            return null;
        }
        Fraction better = this == LOWER_IS_BETTER ? reference.minus(value) : value.minus(reference);
        return better.times(Fraction.of(100)).dividedBy(reference);
    }
}
