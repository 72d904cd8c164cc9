package com.infusionoutcomes.questionnaire;

/** The published severity bands of the PHQ-9 and GAD-7 totals (GAD-7 has no MODERATELY_SEVERE). */
public enum SeverityBand {
    MINIMAL, MILD, MODERATE, MODERATELY_SEVERE, SEVERE
}
