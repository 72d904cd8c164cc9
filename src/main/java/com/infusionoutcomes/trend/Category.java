package com.infusionoutcomes.trend;

/**
 * The IMMPACT bands for chronic-pain trials (Dworkin et al., J Pain 2008), applied domain-aware to the
 * improvementPercent.
 */
public enum Category {
    SUBSTANTIAL, MODERATE, MINIMAL, NO_CHANGE, WORSENED, INSUFFICIENT_DATA,
    /** PHQ-9 and GAD-7 only (see {@link InstrumentScore}): below 5 from a baseline of 5 or more. */
    REMISSION,
    /** PHQ-9 and GAD-7 only: a drop of 50 % or more. */
    RESPONSE,
    /** PHQ-9 and GAD-7 only: a drop of at least the instrument's clinically important change. */
    IMPROVED;

    static final Fraction FIFTY = Fraction.of(50);
    private static final Fraction THIRTY = Fraction.of(30);
    private static final Fraction TEN = Fraction.of(10);
    private static final Fraction MINUS_TEN = Fraction.of(-10);

    /**
     * Decided on the exact, unrounded percent: 29.96 % is reported as 30 but is MINIMAL, because the bands are
     * clinical thresholds and rounding is only for display.
     */
    static Category of(Fraction improvementPercent) {
        if (improvementPercent == null) {
            return INSUFFICIENT_DATA;
        }
        if (improvementPercent.compareTo(FIFTY) >= 0) {
            return SUBSTANTIAL;
        }
        if (improvementPercent.compareTo(THIRTY) >= 0) {
            return MODERATE;
        }
        if (improvementPercent.compareTo(TEN) >= 0) {
            return MINIMAL;
        }
        return improvementPercent.compareTo(MINUS_TEN) > 0 ? NO_CHANGE : WORSENED;
    }
}
