package com.infusionoutcomes.questionnaire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Instrument scoring, without HTTP or a database: every instrument at its edges and band boundaries. */
class InstrumentScoringTest {

    private static List<Integer> answers(String csv) {
        return Arrays.stream(csv.trim().split("\\s+")).map(Integer::valueOf).toList();
    }

    @ParameterizedTest(name = "PEG {0} -> {1}")
    @CsvSource({
            "0 0 0, 0.00",
            "10 10 10, 10.00",
            "1 0 0, 0.33",
            "2 0 0, 0.67",
            "5 4 4, 4.33",
            "6 5 4, 5.00",
            "10 10 9, 9.67"
    })
    void shouldScorePegAsTheMeanToTwoDecimals(String given, String expected) {
        Instrument.Score score = Instrument.PEG.score(answers(given));
        assertEquals(new BigDecimal(expected), score.value());
        assertNull(score.band());
        assertNull(score.positiveScreen());
    }

    @ParameterizedTest(name = "PHQ-9 total {0} -> {1}")
    @CsvSource({
            "0, MINIMAL", "4, MINIMAL", "5, MILD", "9, MILD", "10, MODERATE", "14, MODERATE",
            "15, MODERATELY_SEVERE", "19, MODERATELY_SEVERE", "20, SEVERE", "27, SEVERE"
    })
    void shouldBandPhq9TotalsAtEachBoundary(int total, SeverityBand band) {
        Instrument.Score score = Instrument.PHQ9.score(spread(total, 9, 3));
        assertEquals(BigDecimal.valueOf(total), score.value());
        assertEquals(band, score.band());
        assertNull(score.positiveScreen());
    }

    @ParameterizedTest(name = "GAD-7 total {0} -> {1}")
    @CsvSource({
            "0, MINIMAL", "4, MINIMAL", "5, MILD", "9, MILD", "10, MODERATE", "14, MODERATE",
            "15, SEVERE", "21, SEVERE"
    })
    void shouldBandGad7TotalsAtEachBoundary(int total, SeverityBand band) {
        Instrument.Score score = Instrument.GAD7.score(spread(total, 7, 3));
        assertEquals(BigDecimal.valueOf(total), score.value());
        assertEquals(band, score.band());
    }

    @ParameterizedTest(name = "PHQ-2 {0} -> sum {1}, positive {2}")
    @CsvSource({ "0 0, 0, false", "1 1, 2, false", "2 1, 3, true", "0 3, 3, true", "3 3, 6, true" })
    void shouldScreenPhq2PositiveFromThree(String given, int sum, boolean positive) {
        Instrument.Score score = Instrument.PHQ2.score(answers(given));
        assertEquals(BigDecimal.valueOf(sum), score.value());
        assertNull(score.band());
        assertEquals(positive, score.positiveScreen());
    }

    @Test
    void shouldDescribeEachInstrumentWithItsLoincCodesAndRanges() {
        assertEquals("91148-7", Instrument.PEG.describe().loincPanel());
        assertEquals("91147-9", Instrument.PEG.describe().loincScore());
        assertEquals("44249-1", Instrument.PHQ9.describe().loincPanel());
        assertEquals("44261-6", Instrument.PHQ9.describe().loincScore());
        assertEquals("44260-8", Instrument.PHQ9.describe().items().get(8).loinc());
        assertEquals("69737-5", Instrument.GAD7.describe().loincPanel());
        assertEquals("70274-6", Instrument.GAD7.describe().loincScore());
        assertEquals("55757-9", Instrument.PHQ2.describe().loincPanel());
        assertEquals("55758-7", Instrument.PHQ2.describe().loincScore());
        assertEquals(List.of(3, 9, 7, 2), Arrays.stream(Instrument.values()).map(Instrument::itemCount).toList());
        assertEquals(27, Instrument.PHQ9.describe().scoreMax());
        assertEquals(21, Instrument.GAD7.describe().scoreMax());
        assertEquals(6, Instrument.PHQ2.describe().scoreMax());
        assertEquals(10, Instrument.PEG.describe().scoreMax());
        assertEquals(11, Instrument.PEG.describe().items().get(0).options().size());
        // PHQ-2 is the first two PHQ-9 items, word for word
        assertEquals(Instrument.PHQ9.describe().items().subList(0, 2).stream().map(InstrumentItem::text).toList(),
                Instrument.PHQ2.describe().items().stream().map(InstrumentItem::text).toList());
    }

    /** {@code count} answers of at most {@code max} each that add up to {@code total}. */
    static List<Integer> spread(int total, int count, int max) {
        Integer[] values = new Integer[count];
        Arrays.fill(values, 0);
        int left = total;
        for (int i = 0; i < count && left > 0; i++) {
            values[i] = Math.min(max, left);
            left -= values[i];
        }
        return Arrays.asList(values); // filled from the first item: PHQ-9 item 9 stays 0 below a total of 25
    }
}
