package com.infusionoutcomes.report;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.infusionoutcomes.patient.Patient;
import com.infusionoutcomes.trend.Category;
import com.infusionoutcomes.trend.Trend;

/**
 * One patient of a clinician's panel: the figures of the patient's trend in the panel's domain, as the trend
 * endpoint reports them, plus when the patient last reported anything.
 *
 * @param completedSessions completed infusions so far
 * @param lastCheckInAt the latest check-in in any context and domain; null if the patient never reported
 * @param baseline the trend's {@code baseline.value}
 * @param current the trend's {@code current.value}
 * @param lastDurabilityDays the latest infusion's durabilityDays: how long its relief has lasted so far
 * @param openAlerts the patient's alerts that are not RESOLVED (OPEN or ACKNOWLEDGED)
 */
@Schema(name = "PanelRow")
public record PanelRow(UUID patientId, String displayName, int completedSessions, Instant lastCheckInAt,
        BigDecimal baseline, BigDecimal current, BigDecimal improvementPercent, Category category,
        BigDecimal lastDurabilityDays, int openAlerts) {

    static PanelRow of(Patient patient, Trend trend, Instant lastCheckInAt, int openAlerts) {
        return new PanelRow(patient.id, patient.displayName, trend.sessions().size(), lastCheckInAt,
                trend.baseline() == null ? null : trend.baseline().value(),
                trend.current() == null ? null : trend.current().value(),
                trend.improvementPercent(), trend.category(), trend.lastDurabilityDays().orElse(null),
                openAlerts);
    }
}
