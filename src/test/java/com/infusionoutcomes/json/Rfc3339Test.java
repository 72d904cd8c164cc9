package com.infusionoutcomes.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The date-time reader of request bodies reads exactly what the general ISO formatter reads, and refuses the rest. */
class Rfc3339Test {

    @ParameterizedTest
    @ValueSource(strings = { "2026-03-01T08:30:00+01:00", "2026-03-01T08:30:00Z", "2024-02-29T23:59:59-00:00",
            "0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999+18:00", "2026-03-01T08:30:00.5-18:00",
            "2026-03-01T08:30:00.12+05:30", "2026-03-01T08:30:00.123Z", "2026-03-01T08:30:00.1234-09:59",
            "2026-03-01T08:30:00.12345Z", "2026-03-01T08:30:00.123456Z", "2026-03-01T08:30:00.1234567Z",
            "2026-03-01T08:30:00.12345678+00:00", "2026-03-01T08:30:00.000000001-03:00", "2026-12-31T00:00:00+14:00" })
    void shouldReadWhatTheIsoFormatterReads(String text) {
        OffsetDateTime expected = OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        OffsetDateTime read = StrictJson.rfc3339(text);
        assertEquals(expected, read);
        assertEquals(expected.getOffset(), read.getOffset());
    }

    @ParameterizedTest
    @ValueSource(strings = { "2025-02-29T08:30:00Z", "2026-02-30T08:30:00Z", "2026-04-31T08:30:00Z",
            "2026-13-01T08:30:00Z", "2026-00-01T08:30:00Z", "2026-03-00T08:30:00Z", "2026-03-01T24:00:00Z",
            "2026-03-01T08:60:00Z", "2026-03-01T08:30:60Z", "2026-03-01T08:30:00+18:30", "2026-03-01T08:30:00+19:00",
            "2026-03-01T08:30:00-18:01", "2026-03-01T08:30:00+05:60" })
    void shouldRefuseWhatTheIsoFormatterRefuses(String text) {
        assertThrows(DateTimeParseException.class,
                () -> OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        assertThrows(DateTimeParseException.class, () -> StrictJson.rfc3339(text));
    }
}
