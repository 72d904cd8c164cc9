package com.infusionoutcomes.outcome;

import java.io.IOException;
import java.math.BigDecimal;

import com.infusionoutcomes.csv.Csv;

/**
 * The outcomes in long ("tidy") form: one figure per record, named by its section, group and measure, so the
 * funnel, the categories, the rates and every Kaplan-Meier curve share one header and load into any statistics
 * package as they are. {@code days} is set only on the points of a curve.
 */
final class OutcomeCsv {

    static final String[] COLUMNS = { "domain", "from", "to", "section", "group", "days", "measure", "value" };

    private OutcomeCsv() {
    }

    static void write(ClinicOutcomes o, Csv csv) throws IOException {
        Record r = new Record(o, csv);
        r.figure("cohort", null, "started", o.started());
        for (ClinicOutcomes.RetentionStep step : o.retention()) {
            r.figure("retention", step.infusions(), "patients", step.patients());
            r.figure("retention", step.infusions(), "percent", step.percent());
        }
        for (ClinicOutcomes.CategoryCount count : o.categories()) {
            r.figure("category", count.category(), "patients", count.patients());
        }
        r.proportion("response", null, o.response());
        for (ClinicOutcomes.Durability d : o.durability()) {
            String group = d.andLater() ? d.infusion() + "+" : Integer.toString(d.infusion());
            r.figure("durability", group, "infusions", d.infusions());
            r.figure("durability", group, "measured", d.measured());
            r.figure("durability", group, "events", d.events());
            r.figure("durability", group, "censored", d.censored());
            r.figure("durability", group, "medianDays", d.medianDays());
            for (ClinicOutcomes.CurvePoint p : d.curve()) {
                r.point(group, p.days(), "atRisk", p.atRisk());
                r.point(group, p.days(), "events", p.events());
                r.point(group, p.days(), "censored", p.censored());
                r.point(group, p.days(), "survival", p.survival());
            }
        }
        r.figure("phq9", null, "eligible", o.phq9().eligible());
        r.figure("phq9", null, "followedUp", o.phq9().followedUp());
        r.proportion("phq9", "response", o.phq9().response());
        r.proportion("phq9", "remission", o.phq9().remission());
    }

    private record Record(ClinicOutcomes o, Csv csv) {

        void figure(String section, Object group, String measure, Object value) throws IOException {
            write(section, group, null, measure, value);
        }

        void point(String group, BigDecimal days, String measure, Object value) throws IOException {
            write("durabilityCurve", group, days, measure, value);
        }

        void proportion(String section, String group, ClinicOutcomes.Proportion p) throws IOException {
            figure(section, group, "patients", p.patients());
            figure(section, group, "of", p.of());
            figure(section, group, "percent", p.percent());
            figure(section, group, "lower95", p.lower95());
            figure(section, group, "upper95", p.upper95());
        }

        private void write(String section, Object group, BigDecimal days, String measure, Object value)
                throws IOException {
            csv.code(o.domain().path()).time(o.from()).time(o.to()).code(section).code(group).number(days)
                    .code(measure).code(value instanceof BigDecimal b ? b.toPlainString() : value).end();
        }
    }
}
