package com.infusionoutcomes.trend;

/** How the baseline was obtained (docs/clinical-model.md, Trends). */
public enum BaselineMethod {
    /** Mean of the values in the 14 days up to the first completed infusion, plus that infusion's pre-infusion values. */
    PRE_TREATMENT_MEAN,
    /** No pre-treatment values: the first longitudinal value ever recorded. */
    FIRST_VALUE
}
