package com.infusionoutcomes.report;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.infusionoutcomes.trend.Direction;
import com.infusionoutcomes.trend.Domain;
import com.infusionoutcomes.trend.Trend;

/**
 * One domain's line chart, laid out in SVG user units: the template only prints these numbers. The geometry is
 * decided here, where it can be tested, so the markup stays a plain list of shapes.
 *
 * <p>The x axis is the patient's local calendar, the same for every domain of a report so the charts line up:
 * a daily value sits in the middle of its day, an infusion marker at its local start time. The y axis is the
 * 0-10 scale, labelled with what its ends mean to the patient and which way is better.
 *
 * @param plot the plotting area; every point and marker lies inside it
 * @param daily the trend's daily means, one dot each
 * @param dailyLines the daily means joined, broken where no value was reported for more than {@link #MAX_GAP_DAYS}
 * @param weeklyMeanLines the 7-day mean, broken like the daily line
 * @param baselineY where the baseline's dashed line runs; null without a baseline
 * @param markers one per completed infusion, by number
 */
public record TrendChart(
        int width,
        int height,
        Box plot,
        List<Tick> yTicks,
        List<Tick> xTicks,
        List<Dot> daily,
        List<String> dailyLines,
        List<String> weeklyMeanLines,
        String baselineY,
        String baselineLabel,
        List<Marker> markers,
        Scale scale) {

    static final int WIDTH = 760;
    static final int HEIGHT = 226;
    static final Box PLOT = new Box(40, 42, 560, 156);
    /** A stretch without reports longer than this breaks the lines: joining across it would invent a trend. */
    static final int MAX_GAP_DAYS = 3;
    /** Labels of infusions closer than this would overlap: the later one keeps its line but drops its label. */
    private static final double MIN_LABEL_DISTANCE = 15;
    private static final DateTimeFormatter TICK = DateTimeFormatter.ofPattern("d MMM", Locale.ENGLISH);
    private static final DateTimeFormatter MONTH_TICK = DateTimeFormatter.ofPattern("MMM yyyy", Locale.ENGLISH);

    /** A rectangle in user units. */
    public record Box(double x, double y, double width, double height) {

        public double right() {
            return x + width;
        }

        public double bottom() {
            return y + height;
        }

        public boolean contains(double px, double py) {
            return px >= x && px <= right() && py >= y && py <= bottom();
        }

        public String xText() {
            return number(x);
        }

        public String yText() {
            return number(y);
        }

        public String rightText() {
            return number(right());
        }

        public String bottomText() {
            return number(bottom());
        }

        public String widthText() {
            return number(width);
        }

        public String heightText() {
            return number(height);
        }
    }

    /**
     * A labelled position on an axis: the grid line or tick runs through {@code at} (x on the time axis, y on the
     * scale), the label is drawn at ({@code labelX}, {@code labelY}).
     */
    public record Tick(String at, String labelX, String labelY, String label) {
    }

    /** One day's mean: its position and what it says, for the tooltip a browser shows. */
    public record Dot(String x, String y, String title) {
    }

    /**
     * An infusion: a vertical line at its start with its number in a circle above the plot (left out when it
     * would overlap the previous infusion's).
     */
    public record Marker(int number, String x, boolean labelled, String labelY, String textY, String title) {
    }

    /**
     * The meaning of the scale, drawn in the right margin: the two anchors next to 0 and 10, and an arrow from
     * the worse half toward the better end.
     */
    public record Scale(String anchorZero, String anchorTen, String textX, String anchorZeroY, String anchorTenY,
            String arrowX, String arrowFromY, String arrowToY, String arrowHead, String betterLabel, String betterX,
            String betterY) {
    }

    /** The local days a report's charts span, the same for every domain. */
    public record Span(LocalDate first, LocalDate last, ZoneId zone) {

        /** At least two weeks, so a new patient's first days are not stretched across the page. */
        static final int MIN_DAYS = 14;

        static Span of(LocalDate first, LocalDate last, ZoneId zone) {
            LocalDate start = first.isAfter(last) ? last : first;
            if (ChronoUnit.DAYS.between(start, last) + 1 < MIN_DAYS) {
                start = last.minusDays(MIN_DAYS - 1);
            }
            return new Span(start, last, zone);
        }

        long days() {
            return ChronoUnit.DAYS.between(first, last) + 1;
        }

        /** Days (with fraction) since the start of the first day, in the patient's zone. */
        double dayOffset(Instant instant) {
            LocalDateTime local = LocalDateTime.ofInstant(instant, zone);
            double seconds = local.toLocalTime().toSecondOfDay() + local.getNano() / 1e9;
            return ChronoUnit.DAYS.between(first, local.toLocalDate()) + seconds / 86_400;
        }

        double x(double dayOffset) {
            return PLOT.x() + dayOffset / days() * PLOT.width();
        }
    }

    static double y(double value) {
        return PLOT.bottom() - value / 10 * PLOT.height();
    }

    static TrendChart of(Trend trend, Domain domain, Span span) {
        List<Dot> dots = new ArrayList<>();
        List<List<double[]>> dailyRuns = new ArrayList<>();
        List<List<double[]>> meanRuns = new ArrayList<>();
        List<Trend.SeriesPoint> series = trend.series() == null ? List.of() : trend.series();
        LocalDate previous = null;
        for (int i = 0; i < series.size(); i++) {
            Trend.SeriesPoint point = series.get(i);
            double x = span.x(ChronoUnit.DAYS.between(span.first(), point.period()) + 0.5);
            double mean = point.mean().doubleValue();
            if (previous == null || ChronoUnit.DAYS.between(previous, point.period()) > MAX_GAP_DAYS + 1) {
                dailyRuns.add(new ArrayList<>());
                meanRuns.add(new ArrayList<>());
            }
            previous = point.period();
            dailyRuns.get(dailyRuns.size() - 1).add(new double[] { x, y(mean) });
            meanRuns.get(meanRuns.size() - 1).add(new double[] { x, y(sevenDayMean(series, i)) });
            String range = point.n() > 1
                    ? " (mean of " + point.n() + ", " + plain(point.min()) + "\u2013" + plain(point.max()) + ")"
                    : "";
            dots.add(new Dot(number(x), number(y(mean)), point.period() + ": " + plain(point.mean()) + range));
        }

        List<Marker> markers = new ArrayList<>();
        double lastLabel = Double.NEGATIVE_INFINITY;
        for (Trend.SessionEffect session : trend.sessions()) {
            double x = span.x(span.dayOffset(session.startedAt()));
            boolean labelled = x - lastLabel >= MIN_LABEL_DISTANCE;
            if (labelled) {
                lastLabel = x;
            }
            markers.add(new Marker(session.number(), number(x), labelled, number(PLOT.y() - 10),
                    number(PLOT.y() - 6.5), "Infusion " + session.number() + ", "
                            + LocalDateTime.ofInstant(session.startedAt(), span.zone()).toLocalDate()));
        }

        BigDecimal baseline = trend.baseline() == null ? null : trend.baseline().value();
        return new TrendChart(WIDTH, HEIGHT, PLOT, scaleTicks(), timeTicks(span), dots, lines(dailyRuns), lines(meanRuns),
                baseline == null ? null : number(y(baseline.doubleValue())),
                baseline == null ? null : "baseline " + plain(baseline), markers, scaleOf(domain));
    }

    /**
     * The mean of the values reported in the 7 local days ending on point {@code index}'s day, from the series'
     * daily means weighted by their counts. A drawing aid for the eye, not a trend figure: the
     * table's "current" is the specification's 7-day mean, counted back from the latest value.
     */
    static double sevenDayMean(List<Trend.SeriesPoint> series, int index) {
        LocalDate day = series.get(index).period();
        double sum = 0;
        int n = 0;
        for (int i = index; i >= 0 && ChronoUnit.DAYS.between(series.get(i).period(), day) < 7; i--) {
            sum += series.get(i).mean().doubleValue() * series.get(i).n();
            n += series.get(i).n();
        }
        return sum / n;
    }

    private static List<Tick> scaleTicks() {
        List<Tick> ticks = new ArrayList<>();
        for (int v = 0; v <= 10; v += 2) {
            ticks.add(new Tick(number(y(v)), number(PLOT.x() - 7), number(y(v) + 3.5), Integer.toString(v)));
        }
        return ticks;
    }

    /**
     * Dates under the axis, as many as fit: every day or second day for a short course, then Mondays every week
     * or two, then the first of every month or few months.
     */
    static List<Tick> timeTicks(Span span) {
        long days = span.days();
        List<LocalDate> dates = new ArrayList<>();
        if (days <= 16) {
            for (LocalDate d = span.first(); !d.isAfter(span.last()); d = d.plusDays(days <= 9 ? 1 : 2)) {
                dates.add(d);
            }
        } else if (days <= 130) {
            int step = days <= 65 ? 7 : 14;
            for (LocalDate d = span.first().with(TemporalAdjusters.nextOrSame(DayOfWeek.MONDAY));
                    !d.isAfter(span.last()); d = d.plusDays(step)) {
                dates.add(d);
            }
        } else {
            int months = days <= 280 ? 1 : days <= 560 ? 2 : days <= 1100 ? 3 : days <= 1650 ? 6 : 12;
            for (LocalDate d = span.first().withDayOfMonth(1).plusMonths(1); !d.isAfter(span.last());
                    d = d.plusMonths(months)) {
                dates.add(d);
            }
        }
        // Past about nine months a day of the month says little and the year becomes ambiguous.
        DateTimeFormatter format = days > 280 ? MONTH_TICK : TICK;
        return dates.stream().map(d -> {
            String x = number(span.x(ChronoUnit.DAYS.between(span.first(), d) + 0.5));
            return new Tick(x, x, number(PLOT.bottom() + 15), format.format(d));
        }).toList();
    }

    private static Scale scaleOf(Domain domain) {
        boolean lowerIsBetter = domain.direction() == Direction.LOWER_IS_BETTER;
        // The arrow spans the middle of the scale and points at the better end.
        double from = y(lowerIsBetter ? 7 : 3);
        double to = y(lowerIsBetter ? 3 : 7);
        double headTip = to + (lowerIsBetter ? 6 : -6);
        double headBase = to;
        double arrowX = PLOT.right() + 16;
        String head = number(arrowX - 5) + "," + number(headBase) + " " + number(arrowX + 5) + "," + number(headBase)
                + " " + number(arrowX) + "," + number(headTip);
        return new Scale("0 = " + domain.anchorZero(), "10 = " + domain.anchorTen(), number(PLOT.right() + 8),
                number(y(0) + 4), number(y(10) + 4), number(arrowX), number(from), number(headBase), head,
                lowerIsBetter ? "lower is better" : "higher is better", number(arrowX + 10), number(y(5) + 4));
    }

    private static List<String> lines(List<List<double[]>> runs) {
        return runs.stream().filter(run -> run.size() > 1).map(run -> {
            StringBuilder points = new StringBuilder();
            for (double[] p : run) {
                points.append(points.length() == 0 ? "" : " ").append(number(p[0])).append(',').append(number(p[1]));
            }
            return points.toString();
        }).toList();
    }

    /** One decimal place is a tenth of a user unit: finer than any screen or printer shows. */
    static String number(double value) {
        return BigDecimal.valueOf(Math.round(value * 10), 1).stripTrailingZeros().toPlainString();
    }

    private static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }
}
