package com.infusionoutcomes.trend;

import java.util.Locale;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonValue;
import com.infusionoutcomes.checkin.Scores;
import com.infusionoutcomes.problem.ProblemException;

/** The four 0-10 items a patient reports; named in paths and JSON in lower case ("pain"). */
public enum Domain implements Measure {
    PAIN(Direction.LOWER_IS_BETTER, "Pain", "average pain over the last 24 hours", "no pain",
            "worst pain imaginable"),
    SLEEP(Direction.HIGHER_IS_BETTER, "Sleep", "quality of last night's sleep", "worst possible sleep",
            "best possible sleep"),
    MOBILITY(Direction.HIGHER_IS_BETTER, "Mobility", "how well you could move and do daily activities today",
            "unable", "no limitation"),
    MOOD(Direction.HIGHER_IS_BETTER, "Mood", "overall mood today", "worst possible mood", "best possible mood");

    private final Direction direction;
    private final String label;
    private final String question;
    private final String anchorZero;
    private final String anchorTen;

    Domain(Direction direction, String label, String question, String anchorZero, String anchorTen) {
        this.direction = direction;
        this.label = label;
        this.question = question;
        this.anchorZero = anchorZero;
        this.anchorTen = anchorTen;
    }

    @Override
    public Direction direction() {
        return direction;
    }

    /** The name a clinician reads in a report: "Pain". */
    public String label() {
        return label;
    }

    /** What the patient is asked. */
    public String question() {
        return question;
    }

    /** What 0 on the scale means to the patient. */
    public String anchorZero() {
        return anchorZero;
    }

    /** What 10 on the scale means to the patient. */
    public String anchorTen() {
        return anchorTen;
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

    /**
     * A domain named in a query parameter, pain when absent. Unlike a trend's path segment, an unknown value is
     * invalid input (422), not a resource that does not exist.
     */
    public static Domain fromParameter(String name, String value) {
        if (value == null || value.isBlank()) {
            return PAIN;
        }
        return fromPath(value.trim()).orElseThrow(() -> ProblemException.invalidParameter(name,
                "must be one of [pain, sleep, mobility, mood]"));
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
