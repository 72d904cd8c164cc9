package com.infusionoutcomes.outcome;

import static com.infusionoutcomes.report.TrendChart.number;

import java.math.BigDecimal;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.infusionoutcomes.trend.Category;
import com.infusionoutcomes.trend.Fraction;

/**
 * The outcomes page, already worded and laid out: the template prints these strings and SVG coordinates and
 * computes nothing. Every figure is the JSON answer's own, formatted.
 */
record OutcomePage(String title, String domain, String window, String started, List<Bar> funnel,
        String funnelHeight, List<Bar> categories, String categoriesHeight, List<RateRow> rates, List<Tick> rateTicks, List<Curve> curves, List<String> dayTicks,
        String phq9) {

    static final int BAR_LEFT = 170;
    static final int BAR_WIDTH = 470;
    static final int BAR_ROW = 26;
    static final int CURVE_WIDTH = 330;
    static final int CURVE_HEIGHT = 150;
    static final int CURVE_LEFT = 42;
    static final int CURVE_TOP = 14;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    /** A horizontal bar: its label, length, the figure written after it, and a class for its colour. */
    record Bar(String label, String y, String textY, String width, String valueX, String value, String cssClass) {
    }

    /** A rate as a dot on 0-100 % with its 95 % interval as a whisker. */
    record RateRow(String label, String y, String capTop, String capBottom, String textY, String dotX, String lowX,
            String highX, String value, boolean present) {
    }

    record Point(String x, String y) {
    }

    /** A labelled position on an axis. */
    record Tick(String x, String label) {
    }

    /**
     * One group's Kaplan-Meier curve on its own small plot (every plot has the same day axis, so they compare).
     *
     * @param path the step function as SVG path data, from (0, 1)
     * @param censorMarks one per distinct censored time, drawn as a + on the curve
     * @param medianX where the median's dashed drop line runs; null without a median
     * @param atRisk the number at risk at each of the day axis' ticks
     */
    record Curve(String title, String summary, String path, List<Point> censorMarks, String medianX, String halfY,
            List<Tick> dayTicks, List<Tick> atRisk, boolean empty) {
    }

    static OutcomePage of(ClinicOutcomes o) {
        String domain = o.domain().path().substring(0, 1).toUpperCase(Locale.ROOT) + o.domain().path().substring(1);
        String window = (o.from() == null ? "all time" : "from " + DAY.format(o.from())) + " to "
                + DAY.format(o.to()) + " (UTC)";
        List<Bar> funnel = new ArrayList<>();
        for (ClinicOutcomes.RetentionStep step : o.retention()) {
            funnel.add(bar(funnel.size(), "\u2265 " + step.infusions() + (step.infusions() == 1 ? " infusion"
                    : " infusions"), step.patients(), o.started(), step.patients() + percentSuffix(step.percent()),
                    "bar-retention"));
        }
        List<Bar> categories = new ArrayList<>();
        for (ClinicOutcomes.CategoryCount count : o.categories()) {
            BigDecimal percent = o.started() == 0 ? null : Fraction.of(100L * count.patients(), o.started()).rounded(1);
            categories.add(bar(categories.size(), label(count.category()), count.patients(), o.started(),
                    count.patients() + percentSuffix(percent),
                    "category-" + count.category().name().toLowerCase(Locale.ROOT).replace('_', '-')));
        }
        List<RateRow> rates = List.of(
                rate(0, domain + " response (substantial or moderate)", o.response()),
                rate(1, "PHQ-9 response (\u2265 50 % drop)", o.phq9().response()),
                rate(2, "PHQ-9 remission (latest < 5)", o.phq9().remission()));
        List<Tick> rateTicks = new ArrayList<>();
        for (int p = 0; p <= 100; p += 20) {
            rateTicks.add(new Tick(number(BAR_LEFT + BAR_WIDTH * p / 100.0), p + " %"));
        }
        double maxDays = o.durability().stream().flatMap(d -> d.curve().stream())
                .mapToDouble(p -> p.days().doubleValue()).max().orElse(0);
        double axisDays = niceCeiling(maxDays);
        List<Double> tickDays = new ArrayList<>();
        for (int i = 0; i <= 4; i++) {
            tickDays.add(axisDays * i / 4);
        }
        List<Curve> curves = o.durability().stream().map(d -> curve(d, axisDays, tickDays)).toList();
        String phq9 = o.phq9().eligible() + " patients started with a PHQ-9 of 10 or more; "
                + o.phq9().followedUp() + " of them answered it again.";
        return new OutcomePage("Clinic outcomes: " + domain, domain, window, Integer.toString(o.started()), funnel,
                height(funnel), categories, height(categories), rates, rateTicks, curves, tickDays.stream().map(OutcomePage::days).toList(), phq9);
    }

    private static Bar bar(int row, String label, int count, int of, String value, String cssClass) {
        double width = of == 0 ? 0 : BAR_WIDTH * (double) count / of;
        double y = 4 + row * BAR_ROW;
        return new Bar(label, number(y), number(y + 13), number(width), number(BAR_LEFT + width + 6), value,
                cssClass);
    }

    private static String height(List<Bar> bars) {
        return Integer.toString(bars.size() * BAR_ROW + 8);
    }

    private static RateRow rate(int row, String label, ClinicOutcomes.Proportion p) {
        double y = 12 + row * BAR_ROW;
        if (p.percent() == null) {
            return new RateRow(label, number(y), null, null, number(y + 4), null, null, null, "no one to count",
                    false);
        }
        return new RateRow(label, number(y), number(y - 5), number(y + 5), number(y + 4), x(p.percent()), x(p.lower95()), x(p.upper95()),
                p.patients() + " of " + p.of() + ": " + plain(p.percent()) + " % (95 % CI " + plain(p.lower95())
                        + "\u2013" + plain(p.upper95()) + ")",
                true);
    }

    private static String x(BigDecimal percent) {
        return number(BAR_LEFT + BAR_WIDTH * percent.doubleValue() / 100);
    }

    private static Curve curve(ClinicOutcomes.Durability d, double axisDays, List<Double> tickDays) {
        String title = d.andLater() ? "Infusion " + d.infusion() + " and later (boosters)" : "Infusion " + d.infusion();
        String summary = d.measured() + " of " + d.infusions() + " with a durability, " + d.events() + " ended, "
                + d.censored() + " censored; median "
                + (d.medianDays() == null ? "not reached" : plain(d.medianDays()) + " days");
        StringBuilder path = new StringBuilder("M").append(cx(0, axisDays)).append(',').append(cy(1));
        double survival = 1;
        List<Point> marks = new ArrayList<>();
        for (ClinicOutcomes.CurvePoint p : d.curve()) {
            String px = cx(p.days().doubleValue(), axisDays);
            path.append(" H").append(px);
            survival = p.survival().doubleValue();
            path.append(" V").append(cy(survival));
            if (p.censored() > 0) {
                marks.add(new Point(px, number(CURVE_TOP + CURVE_HEIGHT * (1 - survival) + 4)));
            }
        }
        List<Tick> ticks = tickDays.stream().map(t -> new Tick(cx(t, axisDays), days(t))).toList();
        List<Tick> atRisk = tickDays.stream().map(t -> new Tick(cx(t, axisDays), Integer.toString(atRisk(d, t))))
                .toList();
        return new Curve(title, summary, path.toString(), marks,
                d.medianDays() == null ? null : cx(d.medianDays().doubleValue(), axisDays), cy(0.5), ticks, atRisk,
                d.measured() == 0);
    }

    /** The durabilities at least {@code t} days long: those at risk of ending at t. */
    static int atRisk(ClinicOutcomes.Durability d, double t) {
        for (ClinicOutcomes.CurvePoint p : d.curve()) {
            if (p.days().doubleValue() >= t) {
                return p.atRisk();
            }
        }
        return 0;
    }

    private static String cx(double days, double axisDays) {
        return number(CURVE_LEFT + CURVE_WIDTH * days / axisDays);
    }

    private static String cy(double survival) {
        return number(CURVE_TOP + CURVE_HEIGHT * (1 - survival));
    }

    /** 1, 2 or 5 times a power of ten, and at least 1 day: round tick labels. */
    static double niceCeiling(double value) {
        if (value <= 1) {
            return 1;
        }
        double magnitude = Math.pow(10, Math.floor(Math.log10(value)));
        for (double step : new double[] { 1, 2, 5, 10 }) {
            if (step * magnitude >= value) {
                return step * magnitude;
            }
        }
        return 10 * magnitude;
    }

    private static String days(double days) {
        return BigDecimal.valueOf(days).setScale(1, java.math.RoundingMode.HALF_UP).stripTrailingZeros()
                .toPlainString();
    }

    private static String percentSuffix(BigDecimal percent) {
        return percent == null ? "" : " (" + plain(percent) + " %)";
    }

    private static String label(Category category) {
        String words = category.name().toLowerCase(Locale.ROOT).replace('_', ' ');
        return words.substring(0, 1).toUpperCase(Locale.ROOT) + words.substring(1);
    }

    private static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }
}
