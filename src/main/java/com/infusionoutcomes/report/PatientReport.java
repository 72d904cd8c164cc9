package com.infusionoutcomes.report;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Stream;

import com.infusionoutcomes.alert.AlertResponse;
import com.infusionoutcomes.alert.AlertRule;
import com.infusionoutcomes.alert.BloodPressureRule;
import com.infusionoutcomes.patient.Patient;
import com.infusionoutcomes.questionnaire.Instrument;
import com.infusionoutcomes.questionnaire.QuestionnaireResponseView;
import com.infusionoutcomes.session.SessionResponse;
import com.infusionoutcomes.session.SessionStatus;
import com.infusionoutcomes.session.Severity;
import com.infusionoutcomes.session.SideEffect;
import com.infusionoutcomes.session.VitalSign;
import com.infusionoutcomes.trend.BaselineMethod;
import com.infusionoutcomes.trend.BoosterForecast;
import com.infusionoutcomes.trend.Category;
import com.infusionoutcomes.trend.Direction;
import com.infusionoutcomes.trend.Domain;
import com.infusionoutcomes.trend.Trend;

/**
 * Everything the clinician report prints, already worded and formatted: the template only lays it out. Figures
 * are the trend endpoint's own (same reads, same computation, same rounding), never recomputed here. Times are
 * in the patient's time zone, the one their days are counted in.
 */
public record PatientReport(
        String title,
        Header header,
        List<SummaryRow> summary,
        List<DomainChart> charts,
        List<InfusionRow> infusions,
        List<SessionRow> sessions,
        List<AlertRow> alerts,
        List<BoosterRow> boosters,
        List<SummaryRow> instrumentSummary,
        List<ResponseRow> questionnaires,
        List<ScreenRow> screens) {

    /**
     * What the report shows of the questionnaires.
     *
     * @param trends the trends of PEG, PHQ-9 and GAD-7, as the trend endpoint computes them
     * @param responses every response of any instrument, oldest first
     */
    public record Questionnaires(List<Trend> trends, List<QuestionnaireResponseView> responses) {
    }

    /** Who the report is about and where the course stands. */
    public record Header(String displayName, String externalId, String birthYear, String conditions,
            String timezone, String enrolled, String completedInfusions, String lastInfusion, String nextInfusion,
            String adherence, String latestReport, String generatedAt) {
    }

    /** One domain's line of the trend summary table. */
    public record SummaryRow(String domain, String better, String baseline, String baselineNote, String current,
            String currentNote, String change, String improvement, String category, String categoryClass,
            String slope) {
    }

    /** One domain's chart with its caption. */
    public record DomainChart(String domain, String path, String question, String range, TrendChart chart,
            boolean empty) {
    }

    /** One completed infusion's acute effect and durability in each domain. */
    public record InfusionRow(int number, String date, String time, String dose, List<EffectCell> effects) {
    }

    /**
     * @param prePost "8 → 3", or what is missing
     * @param acute the acute improvement, signed so that + is better whatever the scale's direction
     * @param relief how long the relief lasted; "≥" when it had not ended at the latest value
     */
    public record EffectCell(String prePost, String acute, String acuteClass, String relief) {
    }

    /** One session's safety record. */
    public record SessionRow(String label, String status, String date, String time, List<Line> sideEffects,
            List<Line> vitals) {
    }

    /** A line of text, flagged when a clinician should look twice (a SEVERE effect, an alarming pressure). */
    public record Line(String text, boolean flagged) {
    }

    /**
     * @param conditionCleared when the rule's condition stopped holding while the alert was open, or empty
     * @param acknowledged when and by whom, or a dash
     * @param resolved when and by whom, with the note, or a dash
     */
    public record AlertRow(String severity, String severityClass, String rule, String detail, String raised,
            String lastTriggered, int triggerCount, String status, String conditionCleared, String acknowledged,
            String resolved) {
    }

    /** One domain's booster forecast. */
    public record BoosterRow(String domain, String status, String dueOn, String expectedRelief, String basedOn,
            String heldAtLeast, String covered, boolean flagged) {
    }

    /** One PEG, PHQ-9 or GAD-7 response: its score and band; a PHQ-9 with thoughts of self-harm is flagged. */
    public record ResponseRow(String date, String instrument, String score, String band, String note,
            boolean flagged) {
    }

    /** One PHQ-2 screen. */
    public record ScreenRow(String date, String score, String result, boolean flagged) {
    }

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm",
            Locale.ENGLISH);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);
    private static final String NONE = "\u2014";
    private static final String MINUS = "\u2212";

    /**
     * @param trends the four domains in their clinical order (pain, sleep, mobility, mood), each with its daily
     *     series, as of {@code now}
     * @param sessions every session of the patient, chronologically
     * @param alerts every alert of the patient, the unresolved first (most severe first), then the resolved
     * @param staff the display names of those who acknowledged or resolved an alert, by user id
     */
    static PatientReport of(Patient patient, List<Trend> trends, List<SessionResponse> sessions,
            List<AlertResponse> alerts, Instant now, Questionnaires questionnaires, Map<UUID, String> staff) {
        ZoneId zone = ZoneId.of(patient.timezone);
        TrendChart.Span span = span(trends, zone, now);
        List<Trend.SessionEffect> completed = trends.get(0).sessions();
        return new PatientReport("Infusion outcomes report: " + printable(patient.displayName),
                header(patient, trends, sessions, zone, now),
                trends.stream().map(PatientReport::summary).toList(),
                trends.stream().map(t -> new DomainChart(domainOf(t).label(), domainOf(t).path(),
                        domainOf(t).question(), DATE.format(span.first()) + " to " + DATE.format(span.last()),
                        TrendChart.of(t, domainOf(t), span), t.series() == null || t.series().isEmpty())).toList(),
                completed.stream().map(s -> infusion(s, trends, sessions, zone)).toList(),
                sessions.stream().map(s -> session(s, zone)).toList(),
                alerts.stream().map(a -> alert(a, zone, staff)).toList(),
                trends.stream().map(t -> booster(t, zone)).toList(),
                questionnaires.trends().stream().map(PatientReport::summary).toList(),
                questionnaires.responses().stream().filter(r -> r.instrument() != Instrument.PHQ2)
                        .map(r -> response(r, zone)).toList(),
                questionnaires.responses().stream().filter(r -> r.instrument() == Instrument.PHQ2)
                        .map(r -> screen(r, zone)).toList());
    }

    /** "PHQ-9" for a questionnaire score's trend, "Pain" for a domain's. */
    private static String label(Trend trend) {
        return trend.domain() instanceof Domain domain ? domain.label() : instrument(trend.domain().path());
    }

    private static String instrument(String code) {
        return switch (code) {
            case "peg" -> "PEG";
            case "phq9" -> "PHQ-9";
            case "gad7" -> "GAD-7";
            case "phq2" -> "PHQ-2";
            default -> code;
        };
    }

    private static BoosterRow booster(Trend t, ZoneId zone) {
        BoosterForecast f = t.boosterForecast();
        Map<UUID, Integer> numbers = new HashMap<>();
        t.sessions().forEach(s -> numbers.put(s.sessionId(), s.number()));
        String basedOn = f.basedOnSessionIds().isEmpty() ? NONE
                : String.join(", ", f.basedOnSessionIds().stream().map(id -> "#" + numbers.get(id)).toList());
        boolean soon = f.dueOn() != null && !Boolean.TRUE.equals(f.covered())
                && !f.dueOn().isAfter(LocalDate.ofInstant(t.to(), zone));
        return new BoosterRow(label(t), words(f.status().name()),
                f.dueOn() == null ? NONE : DATE.format(f.dueOn()),
                f.expectedReliefDays() == null ? NONE : plain(f.expectedReliefDays()) + " d", basedOn,
                f.reliefHeldAtLeastDays() == null ? NONE : "\u2265 " + plain(f.reliefHeldAtLeastDays()) + " d",
                f.covered() == null ? NONE : f.covered() ? "yes" : "no", soon);
    }

    private static ResponseRow response(QuestionnaireResponseView r, ZoneId zone) {
        String note = "";
        boolean flagged = false;
        if (r.instrument() == Instrument.PHQ9 && r.answers().size() >= Instrument.PHQ9_SELF_HARM_ITEM) {
            int selfHarm = r.answers().get(Instrument.PHQ9_SELF_HARM_ITEM - 1);
            flagged = selfHarm > 0;
            note = "item 9 (thoughts of self-harm): " + selfHarm;
        }
        return new ResponseRow(dateTime(r.recordedAt(), zone), instrument(r.instrument().code()), plain(r.score()),
                r.band() == null ? NONE : words(r.band().name()), note, flagged);
    }

    private static ScreenRow screen(QuestionnaireResponseView r, ZoneId zone) {
        boolean positive = Boolean.TRUE.equals(r.positiveScreen());
        return new ScreenRow(dateTime(r.recordedAt(), zone), plain(r.score()),
                r.positiveScreen() == null ? NONE : positive ? "positive" : "negative", positive);
    }

    /** The report shows the four check-in domains; an instrument's trend has no place in it. */
    private static Domain domainOf(Trend trend) {
        if (trend.domain() instanceof Domain domain) {
            return domain;
        }
        throw new IllegalArgumentException("not a domain trend: " + trend.domain().path());
    }

    /**
     * From the first day anything happened (a reported value or an infusion) to today, so a patient who stopped
     * reporting shows as the silence it is.
     */
    private static TrendChart.Span span(List<Trend> trends, ZoneId zone, Instant now) {
        LocalDate today = LocalDate.ofInstant(now, zone);
        LocalDate first = Stream.concat(
                trends.stream().flatMap(t -> t.series() == null ? Stream.empty() : t.series().stream())
                        .map(Trend.SeriesPoint::period),
                trends.get(0).sessions().stream().map(s -> LocalDate.ofInstant(s.startedAt(), zone)))
                .min(Comparator.naturalOrder()).orElse(today);
        return TrendChart.Span.of(first, today, zone);
    }

    private static Header header(Patient patient, List<Trend> trends, List<SessionResponse> sessions, ZoneId zone,
            Instant now) {
        List<Trend.SessionEffect> completed = trends.get(0).sessions();
        Trend.Adherence adherence = trends.get(0).adherence();
        String adherenceText = adherence == null || adherence.expectedDays() == 0 ? NONE
                : adherence.reportedDays() + " of " + adherence.expectedDays() + " days ("
                        + percent(adherence.rate().multiply(BigDecimal.valueOf(100)).setScale(0,
                                java.math.RoundingMode.HALF_UP))
                        + ")";
        Instant latest = trends.stream().map(Trend::latest).filter(Objects::nonNull).map(Trend.Latest::recordedAt)
                .max(Comparator.naturalOrder()).orElse(null);
        SessionResponse next = sessions.stream()
                .filter(s -> s.status() == SessionStatus.SCHEDULED && s.scheduledAt() != null
                        && s.scheduledAt().isAfter(now))
                .min(Comparator.comparing(SessionResponse::scheduledAt)).orElse(null);
        return new Header(printable(patient.displayName), orNone(patient.externalId),
                patient.birthYear == null ? NONE : patient.birthYear.toString(),
                patient.conditions.isEmpty() ? NONE
                        : String.join(", ", patient.conditions.stream().map(c -> words(c.name())).toList()),
                patient.timezone, date(patient.enrolledAt, zone), Integer.toString(completed.size()),
                completed.isEmpty() ? NONE : date(completed.get(completed.size() - 1).startedAt(), zone),
                next == null ? NONE : dateTime(next.scheduledAt(), zone), adherenceText,
                latest == null ? NONE : dateTime(latest, zone), dateTime(now, zone) + " (" + zone.getId() + ")");
    }

    private static SummaryRow summary(Trend t) {
        String baselineNote = t.baseline() == null ? "no values"
                : t.baseline().method() == BaselineMethod.PRE_TREATMENT_MEAN
                        ? "pre-treatment mean of " + t.baseline().n()
                        : "first value";
        return new SummaryRow(label(t),
                t.direction() == Direction.LOWER_IS_BETTER ? "\u2193 lower" : "\u2191 higher",
                t.baseline() == null ? NONE : plain(t.baseline().value()), baselineNote,
                t.current() == null ? NONE : plain(t.current().value()),
                t.current() == null ? "" : "7-day mean of " + t.current().n(),
                signed(t.absoluteChange(), ""), signed(t.improvementPercent(), "%"), words(t.category().name()),
                "category-" + t.category().name().toLowerCase(Locale.ROOT).replace('_', '-'),
                t.slopePerWeek() == null ? NONE : signed(t.slopePerWeek(), "") + " / week");
    }

    private static InfusionRow infusion(Trend.SessionEffect effect, List<Trend> trends,
            List<SessionResponse> sessions, ZoneId zone) {
        SessionResponse session = sessions.stream().filter(s -> s.id().equals(effect.sessionId())).findFirst()
                .orElse(null);
        List<EffectCell> cells = new ArrayList<>();
        for (Trend trend : trends) {
            Trend.SessionEffect e = trend.sessions().stream().filter(s -> s.sessionId().equals(effect.sessionId()))
                    .findFirst().orElseThrow();
            cells.add(cell(e));
        }
        return new InfusionRow(effect.number(), date(effect.startedAt(), zone),
                TIME.format(effect.startedAt().atZone(zone)), session == null ? NONE : dose(session), cells);
    }

    private static EffectCell cell(Trend.SessionEffect e) {
        String prePost = (e.pre() == null ? NONE : e.pre().toString()) + " \u2192 "
                + (e.post() == null ? NONE : e.post().toString());
        if (e.pre() == null && e.post() == null) {
            prePost = NONE;
        }
        BigDecimal acute = e.acuteImprovementPercent();
        String acuteClass = acute == null || acute.signum() == 0 ? "neutral" : acute.signum() > 0 ? "better" : "worse";
        String relief = e.durabilityDays() == null ? ""
                : "relief " + (Boolean.TRUE.equals(e.durabilityCensored()) ? "\u2265 " : "")
                        + plain(e.durabilityDays()) + " d";
        return new EffectCell(prePost, acute == null ? "" : signed(acute, "%"), acuteClass, relief);
    }

    private static SessionRow session(SessionResponse s, ZoneId zone) {
        Instant when = s.startedAt() != null ? s.startedAt() : s.scheduledAt();
        String label = s.number() != null ? "#" + s.number() : NONE;
        List<Line> effects = s.sideEffects().stream()
                .map(e -> new Line(sideEffect(e), e.severity() == Severity.SEVERE)).toList();
        List<Line> vitals = s.vitals().stream()
                .sorted(Comparator.comparing(VitalSign::at))
                .map(v -> new Line(vital(v, zone), BloodPressureRule.isHigh(v))).toList();
        String time = when == null ? "" : TIME.format(when.atZone(zone));
        if (s.startedAt() != null && s.endedAt() != null) {
            time += "\u2013" + TIME.format(s.endedAt().atZone(zone));
        }
        return new SessionRow(label, words(s.status().name()), when == null ? NONE : date(when, zone), time, effects,
                vitals);
    }

    private static String sideEffect(SideEffect e) {
        String text = words(e.type().name()) + " (" + e.severity().name().toLowerCase(Locale.ROOT) + ")";
        return e.note() == null || e.note().isBlank() ? text : text + ": " + printable(e.note());
    }

    private static String vital(VitalSign v, ZoneId zone) {
        List<String> parts = new ArrayList<>();
        if (v.systolic() != null || v.diastolic() != null) {
            parts.add("BP " + orQuestion(v.systolic()) + "/" + orQuestion(v.diastolic()));
        }
        if (v.heartRate() != null) {
            parts.add("HR " + v.heartRate());
        }
        if (v.spo2() != null) {
            parts.add("SpO\u2082 " + v.spo2() + "%");
        }
        return TIME.format(v.at().atZoneSameInstant(zone)) + " \u2003" + String.join(" \u00b7 ", parts);
    }

    private static String dose(SessionResponse s) {
        List<String> parts = new ArrayList<>();
        if (s.doseMgPerKg() != null) {
            parts.add(plain(s.doseMgPerKg()) + " mg/kg");
        }
        if (s.totalDoseMg() != null) {
            parts.add(plain(s.totalDoseMg()) + " mg");
        }
        if (s.weightKg() != null) {
            parts.add(plain(s.weightKg()) + " kg");
        }
        return parts.isEmpty() ? NONE : String.join(" \u00b7 ", parts);
    }

    private static AlertRow alert(AlertResponse a, ZoneId zone, Map<UUID, String> staff) {
        String acknowledged = a.acknowledgedAt() == null ? NONE
                : dateTime(a.acknowledgedAt(), zone) + " by " + who(a.acknowledgedBy(), staff);
        String resolved = a.resolvedAt() == null ? NONE
                : dateTime(a.resolvedAt(), zone) + " by " + who(a.resolvedBy(), staff)
                        + (a.resolutionNote() == null ? "" : ": " + printable(a.resolutionNote()));
        return new AlertRow(words(a.severity().name()), "severity-" + a.severity().name().toLowerCase(Locale.ROOT),
                rule(a.rule()), a.detail() == null ? NONE : printable(a.detail()), dateTime(a.raisedAt(), zone),
                dateTime(a.lastTriggeredAt(), zone), a.triggerCount(), words(a.status().name()),
                a.conditionClearedAt() == null ? "" : "condition no longer met since "
                        + dateTime(a.conditionClearedAt(), zone),
                acknowledged, resolved);
    }

    private static String who(UUID user, Map<UUID, String> staff) {
        String name = user == null ? null : staff.get(user);
        return name == null ? "the system" : printable(name);
    }

    /** SEVERE_SIDE_EFFECT reads "Severe side effect"; an acronym (CRPS) stays as it is. */
    static String words(String constant) {
        return ACRONYMS.contains(constant) ? constant : capitalised(constant.replace('_', ' '));
    }

    private static final java.util.Set<String> ACRONYMS = java.util.Set.of("CRPS");

    /** What raised the alert, in a clinician's words; a rule added later reads as its name. */
    private static String rule(AlertRule rule) {
        return switch (rule.name()) {
            case "SELF_HARM_RISK" -> "Self-harm risk (PHQ-9 item 9)";
            case "DEPRESSION_SEVERE" -> "Severe depression (PHQ-9 total \u2265 20)";
            case "BLOOD_PRESSURE" -> "Blood pressure \u2265 180/110 mmHg";
            case "WORSENING" -> "Pain or mood worsened";
            case "BOOSTER_DUE" -> "Booster due (pain)";
            default -> words(rule.name());
        };
    }

    private static String capitalised(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        return Character.toUpperCase(lower.charAt(0)) + lower.substring(1);
    }

    /** Signed with a true minus sign, and + for a gain, so the direction of a change is never in doubt. */
    static String signed(BigDecimal value, String unit) {
        if (value == null) {
            return NONE;
        }
        String digits = plain(value.abs()) + unit;
        return value.signum() > 0 ? "+" + digits : value.signum() < 0 ? MINUS + digits : digits;
    }

    private static String percent(BigDecimal value) {
        return plain(value) + "%";
    }

    private static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }

    private static String orNone(String value) {
        return value == null || value.isBlank() ? NONE : printable(value);
    }

    private static String orQuestion(Integer value) {
        return value == null ? "?" : value.toString();
    }

    private static String date(Instant instant, ZoneId zone) {
        return DATE.format(instant.atZone(zone));
    }

    private static String dateTime(Instant instant, ZoneId zone) {
        return DATE_TIME.format(ZonedDateTime.ofInstant(instant, zone));
    }

    /**
     * Free text without control characters: a stray one from a pasted note would make the page ill-formed as
     * XML and means nothing on paper. Line breaks become spaces.
     */
    static String printable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (c == '\n' || c == '\r' || c == '\t') {
                out.append(' ');
            } else if (!Character.isISOControl(c) && c != 0xFFFE && c != 0xFFFF) {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }
}
