package com.infusionoutcomes.trend;

import java.math.BigDecimal;
import java.util.List;

/**
 * What an outcome summary keeps of a trend as of {@code to}, each figure exactly as {@link Trends#compute} reports
 * it: the headline, the course's infusions with the latest one's durability, and the booster forecast. No series,
 * slope, acute effects or adherence: the summary is brought up to date by every write, and those are the trend
 * endpoint's work.
 *
 * @param course the completed sessions up to {@code to}, by startedAt
 * @param lastDurabilityDays the latest infusion's durabilityDays; null as the trend gives it
 * @param lastDurabilityCensored the latest infusion's durabilityCensored; null as the trend gives it
 */
public record TrendFigures(Trend.Baseline baseline, Trend.Latest latest, Trend.Current current,
        BigDecimal absoluteChange, BigDecimal improvementPercent, Category category, List<CompletedSession> course,
        BigDecimal lastDurabilityDays, Boolean lastDurabilityCensored, BoosterForecast boosterForecast) {
}
