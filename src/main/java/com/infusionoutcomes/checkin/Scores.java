package com.infusionoutcomes.checkin;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** One 0-10 numeric rating scale per domain; an absent score was not asked or not answered. */
public record Scores(
        @Min(0) @Max(10) Integer pain,
        @Min(0) @Max(10) Integer sleep,
        @Min(0) @Max(10) Integer mobility,
        @Min(0) @Max(10) Integer mood) {

    boolean isEmpty() {
        return pain == null && sleep == null && mobility == null && mood == null;
    }
}
