package com.infusionoutcomes.trend;

import java.math.BigDecimal;

/**
 * The part of a trend an alert is about, rounded as {@link Trend} reports it.
 *
 * @param baseline the trend's {@code baseline.value}, or null
 * @param current the trend's {@code current.value}, or null
 */
public record TrendHeadline(BigDecimal baseline, BigDecimal current, BigDecimal improvementPercent,
        Category category) {
}
