package com.infusionoutcomes.trend;

import java.util.Locale;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonValue;
import com.infusionoutcomes.checkin.Scores;

/** The four 0-10 items of SPEC section 1; named in paths and JSON as written there ("pain"). */
public enum Domain implements Measure {
    PAIN(Direction.LOWER_IS_BETTER),
    SLEEP(Direction.HIGHER_IS_BETTER),
    MOBILITY(Direction.HIGHER_IS_BETTER),
    MOOD(Direction.HIGHER_IS_BETTER);

    private final Direction direction;

    Domain(Direction direction) {
        this.direction = direction;
    }

    @Override
    public Direction direction() {
        return direction;
    }

    @Override
    public Category categorize(Fraction baseline, Fraction current, Fraction improvementPercent) {
        return Category.of(improvementPercent);
    }

    @Override
    @JsonValue
    public String path() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Only the exact lowercase name: "Pain" in a URL is as unknown as "pian". */
    public static Optional<Domain> fromPath(String path) {
        for (Domain domain : values()) {
            if (domain.path().equals(path)) {
                return Optional.of(domain);
            }
        }
        return Optional.empty();
    }

    /** This domain's score in a check-in; null when the patient was not asked or did not answer it. */
    public Integer scoreIn(Scores scores) {
        return switch (this) {
            case PAIN -> scores.pain();
            case SLEEP -> scores.sleep();
            case MOBILITY -> scores.mobility();
            case MOOD -> scores.mood();
        };
    }
}
