package com.infusionoutcomes.questionnaire;

/** How an instrument's answers make its score. */
public enum ScoringRule {
    /** The sum of the item values. */
    SUM,
    /** The mean of the item values, rounded half up to 2 decimals. */
    MEAN
}
