package com.infusionoutcomes.trend;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What a trend follows: one of the four check-in items, or the total score of a validated instrument. Both run
 * through the same trend computation; they differ only in direction and in how a change is named.
 */
public sealed interface Measure permits Domain, InstrumentScore {

    /** The name in paths and JSON ("pain", "phq9"). */
    @JsonValue
    String path();

    Direction direction();

    /**
     * The category of a followed-up course, decided on unrounded values.
     *
     * @param improvementPercent null when the baseline is 0
     */
    Category categorize(Fraction baseline, Fraction current, Fraction improvementPercent);
}
