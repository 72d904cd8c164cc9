package com.infusionoutcomes.outcome;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.infusionoutcomes.trend.Category;
import com.infusionoutcomes.trend.Domain;

/**
 * What a clinician's caseload achieved: the patients who started treatment in [from, to], each followed as the
 * per-patient trend follows them as of {@code to}. Percentages are rounded half-up to 1 place, survival to 4
 * places, without trailing zeros; every figure was decided on unrounded values.
 *
 * @param started the patients whose first completed infusion started in [from, to]: the cohort of every other
 *        figure
 * @param retention completed at least 1, 2, ... 6 infusions by {@code to}
 * @param categories every category a domain can have, in the order of the bands, with how many patients are in it
 * @param response SUBSTANTIAL or MODERATE among the patients whose category is not INSUFFICIENT_DATA
 * @param durability infusions 1 to 6 one by one, then every later infusion (boosters) together
 * @param phq9 among the patients whose first PHQ-9 (up to {@code to}) was 10 or more
 */
@Schema(name = "ClinicOutcomes")
public record ClinicOutcomes(
        Domain domain,
        Instant from,
        Instant to,
        int started,
        List<RetentionStep> retention,
        List<CategoryCount> categories,
        Proportion response,
        List<Durability> durability,
        Phq9Outcomes phq9) {

    public ClinicOutcomes {
        retention = List.copyOf(retention);
        categories = List.copyOf(categories);
        durability = List.copyOf(durability);
    }

    /** @param percent of {@code started}; null when no one started */
    @Schema(name = "OutcomeRetentionStep")
    public record RetentionStep(int infusions, int patients, BigDecimal percent) {
    }

    @Schema(name = "OutcomeCategoryCount")
    public record CategoryCount(Category category, int patients) {
    }

    /**
     * {@code patients} of {@code of}, with its 95 % Wilson score interval; the three percentages are null when
     * {@code of} is 0.
     */
    @Schema(name = "OutcomeProportion")
    public record Proportion(int patients, int of, BigDecimal percent, BigDecimal lower95, BigDecimal upper95) {
    }

    /**
     * The Kaplan-Meier estimate of the durabilityDays of the cohort's n-th infusions.
     *
     * @param infusion n, from 1; the last group (7) also holds every infusion after it
     * @param andLater true for the group of the 7th and every later infusion
     * @param infusions how many such infusions the cohort had
     * @param measured how many of them have a durability (values after the infusion and a baseline other than 0):
     *        the number at risk at the start
     * @param medianDays the smallest durability at which the estimate is at or below 0.5; null when it never is
     * @param curve one point per distinct durability, ascending; the estimate is 1 before the first
     */
    @Schema(name = "OutcomeDurability")
    public record Durability(int infusion, boolean andLater, int infusions, int measured, int events, int censored,
            BigDecimal medianDays, List<CurvePoint> curve) {

        public Durability {
            curve = List.copyOf(curve);
        }
    }

    /**
     * @param atRisk durabilities at least this long
     * @param events relief that ended at this many days
     * @param censored relief still going at the last value, this many days after the infusion
     * @param survival the estimated share of infusions whose relief lasted longer than {@code days}
     */
    @Schema(name = "OutcomeCurvePoint")
    public record CurvePoint(BigDecimal days, int atRisk, int events, int censored, BigDecimal survival) {
    }

    /**
     * @param eligible patients of the cohort whose first PHQ-9 was 10 or more
     * @param followedUp those of them with a PHQ-9 after the first: the denominator of both rates
     * @param response latest at most half the first (a drop of 50 % or more)
     * @param remission latest below 5
     */
    @Schema(name = "OutcomePhq9")
    public record Phq9Outcomes(int eligible, int followedUp, Proportion response, Proportion remission) {
    }
}
