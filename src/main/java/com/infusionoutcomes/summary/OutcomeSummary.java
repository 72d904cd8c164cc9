package com.infusionoutcomes.summary;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import com.infusionoutcomes.trend.BaselineMethod;
import com.infusionoutcomes.trend.BoosterStatus;
import com.infusionoutcomes.trend.Category;
import com.infusionoutcomes.trend.Domain;
import com.infusionoutcomes.trend.SlopeSums;

/**
 * One patient's figures in one domain as of the last write that changed them: the trend endpoint's headline
 * (as of then), the latest infusion's durability and the booster forecast, rounded as the API shows them. Written
 * only by {@link OutcomeSummaries}; read by the panel and the rules that read a trend.
 */
@Entity
@Table(name = "outcome_summary")
@IdClass(OutcomeSummary.Key.class)
public class OutcomeSummary {

    public record Key(UUID patientId, Domain domain) implements java.io.Serializable {
        public Key() {
            this(null, null);
        }
    }

    @Id
    @Column(name = "patient_id")
    public UUID patientId;

    @Id
    @Enumerated(EnumType.STRING)
    public Domain domain;

    @Column(name = "computed_at", nullable = false)
    public Instant computedAt;

    @Column(name = "refresh_at")
    public Instant refreshAt;

    @Column(name = "completed_sessions", nullable = false)
    public int completedSessions;

    @Column(name = "last_check_in_at")
    public Instant lastCheckInAt;

    public BigDecimal baseline;

    @Enumerated(EnumType.STRING)
    @Column(name = "baseline_method")
    public BaselineMethod baselineMethod;

    @Column(name = "baseline_n")
    public Integer baselineN;

    public BigDecimal latest;

    @Column(name = "latest_at")
    public Instant latestAt;

    @Column(name = "current_value")
    public BigDecimal current;

    @Column(name = "current_n")
    public Integer currentN;

    @Column(name = "absolute_change")
    public BigDecimal absoluteChange;

    @Column(name = "improvement_percent")
    public BigDecimal improvementPercent;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Category category;

    @Column(name = "slope_per_week")
    public BigDecimal slopePerWeek;

    @Column(name = "latest_session_id")
    public UUID latestSessionId;

    @Column(name = "last_durability_days")
    public BigDecimal lastDurabilityDays;

    @Column(name = "last_durability_censored")
    public Boolean lastDurabilityCensored;

    @Enumerated(EnumType.STRING)
    @Column(name = "booster_status", nullable = false)
    public BoosterStatus boosterStatus;

    @Column(name = "booster_due_on")
    public LocalDate boosterDueOn;

    @Column(name = "booster_expected_relief_days")
    public BigDecimal boosterExpectedReliefDays;

    /** The numbers of the infusions the forecast is based on, most recent first ("3,2,1"). */
    @Column(name = "booster_based_on")
    public String boosterBasedOn;

    @Column(name = "booster_relief_held_days")
    public BigDecimal boosterReliefHeldAtLeastDays;

    @Column(name = "booster_covered")
    public Boolean boosterCovered;

    @Column(name = "improvement_rank", nullable = false)
    public int improvementRank;

    @Column(name = "improvement_key", nullable = false)
    public BigDecimal improvementKey;

    @Column(name = "category_rank", nullable = false)
    public int categoryRank;

    @Column(name = "check_in_rank", nullable = false)
    public int checkInRank;

    @Column(name = "check_in_key", nullable = false)
    public Instant checkInKey;

    @Column(name = "booster_rank", nullable = false)
    public int boosterRank;

    @Column(name = "booster_key", nullable = false)
    public LocalDate boosterKey;

    // The slope's exact sums (SlopeSums), so a write updates it by difference; null until first computed.
    @Column(name = "slope_n")
    public Long slopeN;

    @Column(name = "slope_sum_x", precision = 50)
    public BigInteger slopeSumX;

    @Column(name = "slope_sum_y")
    public Long slopeSumY;

    @Column(name = "slope_sum_xy", precision = 50)
    public BigInteger slopeSumXY;

    @Column(name = "slope_sum_xx", precision = 50)
    public BigInteger slopeSumXX;

    /** The stored sums of the slope; null when they were never computed (a row from before they were kept). */
    public SlopeSums slopeSums() {
        return slopeN == null ? null : new SlopeSums(slopeN, slopeSumX, slopeSumY, slopeSumXY, slopeSumXX);
    }

    void slopeSums(SlopeSums sums) {
        slopeN = sums.n();
        slopeSumX = sums.sumX();
        slopeSumY = sums.sumY();
        slopeSumXY = sums.sumXY();
        slopeSumXX = sums.sumXX();
    }

    /**
     * A figure as the trend endpoint shows it ("4.8", "40"): the database returns the column's scale ("4.80",
     * "40.0").
     */
    public static BigDecimal shown(BigDecimal value) {
        if (value == null) {
            return null;
        }
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }
}
