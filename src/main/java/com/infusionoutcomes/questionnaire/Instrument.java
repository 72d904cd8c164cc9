package com.infusionoutcomes.questionnaire;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The validated instruments the service offers, with their standard public-domain wording. Scoring is a pure
 * function of the answers in item order; ranges are checked by the service before scoring.
 */
public enum Instrument {
    PEG("peg", "PEG (Pain, Enjoyment of life, General activity)", "91148-7", "91147-9", "Past week",
            "In the past week:", ScoringRule.MEAN, 0, 10, List.of(
                    new InstrumentItem(1, "What number best describes your pain on average in the past week?",
                            null, pegOptions("No pain", "Pain as bad as you can imagine")),
                    new InstrumentItem(2, "What number best describes how, during the past week, pain has "
                            + "interfered with your enjoyment of life?", null,
                            pegOptions("Does not interfere", "Completely interferes")),
                    new InstrumentItem(3, "What number best describes how, during the past week, pain has "
                            + "interfered with your general activity?", null,
                            pegOptions("Does not interfere", "Completely interferes"))),
            List.of(), null),
    PHQ9("phq9", "Patient Health Questionnaire-9 (PHQ-9)", "44249-1", "44261-6", "Past 2 weeks",
            Texts.STEM, ScoringRule.SUM, 0, 3, List.of(
                    Texts.item(1, "Little interest or pleasure in doing things", null),
                    Texts.item(2, "Feeling down, depressed, or hopeless", null),
                    Texts.item(3, "Trouble falling or staying asleep, or sleeping too much", null),
                    Texts.item(4, "Feeling tired or having little energy", null),
                    Texts.item(5, "Poor appetite or overeating", null),
                    Texts.item(6, "Feeling bad about yourself - or that you are a failure or have let yourself "
                            + "or your family down", null),
                    Texts.item(7, "Trouble concentrating on things, such as reading the newspaper or watching "
                            + "television", null),
                    Texts.item(8, "Moving or speaking so slowly that other people could have noticed? Or the "
                            + "opposite - being so fidgety or restless that you have been moving around a lot "
                            + "more than usual", null),
                    Texts.item(9, "Thoughts that you would be better off dead or of hurting yourself in some way",
                            "44260-8")),
            List.of(new BandRange(SeverityBand.MINIMAL, 0, 4), new BandRange(SeverityBand.MILD, 5, 9),
                    new BandRange(SeverityBand.MODERATE, 10, 14),
                    new BandRange(SeverityBand.MODERATELY_SEVERE, 15, 19),
                    new BandRange(SeverityBand.SEVERE, 20, 27)),
            null),
    GAD7("gad7", "Generalized Anxiety Disorder-7 (GAD-7)", "69737-5", "70274-6", "Past 2 weeks",
            Texts.STEM, ScoringRule.SUM, 0, 3, List.of(
                    Texts.item(1, "Feeling nervous, anxious, or on edge", null),
                    Texts.item(2, "Not being able to stop or control worrying", null),
                    Texts.item(3, "Worrying too much about different things", null),
                    Texts.item(4, "Trouble relaxing", null),
                    Texts.item(5, "Being so restless that it is hard to sit still", null),
                    Texts.item(6, "Becoming easily annoyed or irritable", null),
                    Texts.item(7, "Feeling afraid, as if something awful might happen", null)),
            List.of(new BandRange(SeverityBand.MINIMAL, 0, 4), new BandRange(SeverityBand.MILD, 5, 9),
                    new BandRange(SeverityBand.MODERATE, 10, 14), new BandRange(SeverityBand.SEVERE, 15, 21)),
            null),
    PHQ2("phq2", "Patient Health Questionnaire-2 (PHQ-2)", "55757-9", "55758-7", "Past 2 weeks",
            Texts.STEM, ScoringRule.SUM, 0, 3, List.of(
                    Texts.item(1, "Little interest or pleasure in doing things", null),
                    Texts.item(2, "Feeling down, depressed, or hopeless", null)),
            List.of(), 3);

    /** The PHQ-9 item (1-based) on thoughts of self-harm. */
    public static final int PHQ9_SELF_HARM_ITEM = 9;

    private final String code;
    private final String title;
    private final String loincPanel;
    private final String loincScore;
    private final String recallPeriod;
    private final String stem;
    private final ScoringRule scoring;
    private final int minAnswer;
    private final int maxAnswer;
    private final List<InstrumentItem> items;
    private final List<BandRange> bands;
    private final Integer positiveScreenAt;

    Instrument(String code, String title, String loincPanel, String loincScore, String recallPeriod, String stem,
            ScoringRule scoring, int minAnswer, int maxAnswer, List<InstrumentItem> items, List<BandRange> bands,
            Integer positiveScreenAt) {
        this.code = code;
        this.title = title;
        this.loincPanel = loincPanel;
        this.loincScore = loincScore;
        this.recallPeriod = recallPeriod;
        this.stem = stem;
        this.scoring = scoring;
        this.minAnswer = minAnswer;
        this.maxAnswer = maxAnswer;
        this.items = items;
        this.bands = bands;
        this.positiveScreenAt = positiveScreenAt;
    }

    @JsonValue
    public String code() {
        return code;
    }

    /** Only the exact lowercase code. */
    public static Optional<Instrument> fromCode(String code) {
        for (Instrument i : values()) {
            if (i.code.equals(code)) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }

    /** Decimals of the score: 2 for a mean, 0 for a sum. */
    public int scoreDecimals() {
        return scoring == ScoringRule.MEAN ? 2 : 0;
    }

    public int itemCount() {
        return items.size();
    }

    public int minAnswer() {
        return minAnswer;
    }

    public int maxAnswer() {
        return maxAnswer;
    }

    /** The score of complete, in-range answers: PEG the mean to 2 decimals, the others the sum. */
    public Score score(List<Integer> answers) {
        int sum = answers.stream().mapToInt(Integer::intValue).sum();
        BigDecimal score = scoring == ScoringRule.MEAN
                ? BigDecimal.valueOf(sum).divide(BigDecimal.valueOf(answers.size()), 2, RoundingMode.HALF_UP)
                : BigDecimal.valueOf(sum);
        SeverityBand band = bands.stream().filter(b -> sum >= b.min() && sum <= b.max()).map(BandRange::band)
                .findFirst().orElse(null);
        Boolean positive = positiveScreenAt == null ? null : sum >= positiveScreenAt;
        return new Score(score, band, positive);
    }

    public record Score(BigDecimal value, SeverityBand band, Boolean positiveScreen) {
    }

    public InstrumentResponse describe() {
        int scoreMax = scoring == ScoringRule.MEAN ? maxAnswer : maxAnswer * items.size();
        return new InstrumentResponse(this, title, loincPanel, loincScore, recallPeriod, stem, items, scoring,
                minAnswer * (scoring == ScoringRule.MEAN ? 1 : items.size()), scoreMax, bands, positiveScreenAt);
    }

    private static List<ResponseOption> pegOptions(String low, String high) {
        return IntStream.rangeClosed(0, 10)
                .mapToObj(v -> new ResponseOption(v, v == 0 ? low : v == 10 ? high : null)).toList();
    }

    private static final class Texts {
        static final String STEM = "Over the last 2 weeks, how often have you been bothered by any of the "
                + "following problems?";
        static final List<ResponseOption> FREQUENCY = List.of(new ResponseOption(0, "Not at all"),
                new ResponseOption(1, "Several days"), new ResponseOption(2, "More than half the days"),
                new ResponseOption(3, "Nearly every day"));

        static InstrumentItem item(int number, String text, String loinc) {
            return new InstrumentItem(number, text, loinc, FREQUENCY);
        }
    }
}
