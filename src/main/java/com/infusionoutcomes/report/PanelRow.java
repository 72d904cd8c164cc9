package com.infusionoutcomes.report;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.infusionoutcomes.csv.Csv;
import com.infusionoutcomes.summary.OutcomeSummary;
import com.infusionoutcomes.trend.BoosterStatus;
import com.infusionoutcomes.trend.Category;
import com.infusionoutcomes.trend.Domain;

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
 * @param boosterStatus the trend's {@code boosterForecast.status}
 * @param boosterDueOn the trend's {@code boosterForecast.dueOn}: when the next infusion is due, in the patient's
 *        local date
 * @param boosterCovered the trend's {@code boosterForecast.covered}
 */
@Schema(name = "PanelRow")
public record PanelRow(UUID patientId, String displayName, int completedSessions, Instant lastCheckInAt,
        BigDecimal baseline, BigDecimal current, BigDecimal improvementPercent, Category category,
        BigDecimal lastDurabilityDays, int openAlerts, BoosterStatus boosterStatus, LocalDate boosterDueOn,
        Boolean boosterCovered) {

    /** The CSV export's columns: the domain the figures are of, then the JSON row's fields in order. */
    static final String[] COLUMNS = { "domain", "patientId", "displayName", "completedSessions", "lastCheckInAt",
            "baseline", "current", "improvementPercent", "category", "lastDurabilityDays", "openAlerts",
            "boosterStatus", "boosterDueOn", "boosterCovered" };

    void writeTo(Csv csv, Domain domain) throws IOException {
        csv.code(domain.path()).id(patientId).text(displayName).number(completedSessions).time(lastCheckInAt)
                .number(baseline).number(current).number(improvementPercent).code(category)
                .number(lastDurabilityDays).number(openAlerts).code(boosterStatus)
                .date(boosterDueOn)
                .code(boosterCovered).end();
    }

    /** A row from the panel query's columns, in this record's order. */
    static PanelRow of(Object[] c) {
        return new PanelRow((UUID) c[0], (String) c[1], (Integer) c[2], (Instant) c[3],
                OutcomeSummary.shown((BigDecimal) c[4]), OutcomeSummary.shown((BigDecimal) c[5]),
                OutcomeSummary.shown((BigDecimal) c[6]), (Category) c[7], OutcomeSummary.shown((BigDecimal) c[8]),
                ((Number) c[9]).intValue(), (BoosterStatus) c[10], (LocalDate) c[11], (Boolean) c[12]);
    }
}
