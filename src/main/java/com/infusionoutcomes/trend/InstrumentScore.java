package com.infusionoutcomes.trend;

import java.util.Optional;

import com.infusionoutcomes.questionnaire.Instrument;

/**
 * The instruments whose total score has a trend. PEG is a pain measure and follows the pain rules (IMMPACT
 * bands on the percent change). PHQ-9 and GAD-7 are named by the anchors their literature uses instead
 * (Lowe et al. 2004 for PHQ-9; 4 points for GAD-7, Toussaint et al. 2020), checked in this order:
 * WORSENED (a rise of at least the clinically important change), REMISSION (below 5 from a baseline of 5 or
 * more: someone who started below 5 has nothing to remit from), RESPONSE (a drop of 50 % or more), IMPROVED
 * (a drop of at least the clinically important change), otherwise NO_CHANGE. Points work from a baseline of 0
 * too, where no percentage exists: 0 to 12 on the PHQ-9 is WORSENED.
 */
public enum InstrumentScore implements Measure {
    PEG(Instrument.PEG, null),
    PHQ9(Instrument.PHQ9, 5),
    GAD7(Instrument.GAD7, 4);

    private static final Fraction REMISSION_BELOW = Fraction.of(5);

    private final Instrument instrument;
    /** Null for PEG, which is categorised like pain. */
    private final Fraction importantChange;

    InstrumentScore(Instrument instrument, Integer importantChange) {
        this.instrument = instrument;
        this.importantChange = importantChange == null ? null : Fraction.of(importantChange);
    }

    public Instrument instrument() {
        return instrument;
    }

    @Override
    public String path() {
        return instrument.code();
    }

    @Override
    public Direction direction() {
        return Direction.LOWER_IS_BETTER;
    }

    @Override
    public Category categorize(Fraction baseline, Fraction current, Fraction improvementPercent) {
        if (importantChange == null) {
            return Category.of(improvementPercent);
        }
        Fraction rise = current.minus(baseline);
        if (rise.compareTo(importantChange) >= 0) {
            return Category.WORSENED;
        }
        if (baseline.compareTo(REMISSION_BELOW) >= 0 && current.compareTo(REMISSION_BELOW) < 0) {
            return Category.REMISSION;
        }
        if (improvementPercent != null && improvementPercent.compareTo(Category.FIFTY) >= 0) {
            return Category.RESPONSE;
        }
        return rise.negate().compareTo(importantChange) >= 0 ? Category.IMPROVED : Category.NO_CHANGE;
    }

    /** Only the exact lowercase code; PHQ-2 is a screen, not followed as a trend. */
    public static Optional<InstrumentScore> fromPath(String path) {
        for (InstrumentScore score : values()) {
            if (score.path().equals(path)) {
                return Optional.of(score);
            }
        }
        return Optional.empty();
    }
}
