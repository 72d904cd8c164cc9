package com.infusionoutcomes.trend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** The trend serialises to the agreed document, field for field, with nulls written out. */
class TrendJsonTest {

    /** Configured as the application's mapper is for these types (application.properties, StrictJson). */
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);

    private static List<String> fields(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void trendShouldSerialiseToTheAgreedFieldNames() throws Exception {
        Course course = Course.utc().daily("2026-01-02T20:00:00Z", 8).daily("2026-01-03T20:00:00Z", 7);
        CompletedSession first = course.session("2026-01-05T10:00:00Z", "2026-01-05T11:00:00Z");
        course.pre(first, "2026-01-05T09:50:00Z", 7).post(first, "2026-01-05T11:10:00Z", 3)
                .daily("2026-01-06T20:00:00Z", 4);

        JsonNode json = JSON.readTree(JSON.writeValueAsString(course.trend(Domain.PAIN, "2026-01-07T00:00:00Z")));

        assertEquals(List.of("patientId", "domain", "direction", "from", "to", "granularity", "baseline", "latest",
                "current", "absoluteChange", "improvementPercent", "category", "slopePerWeek", "series", "sessions",
                "adherence", "boosterForecast"), fields(json));
        assertEquals(List.of("value", "method", "n"), fields(json.get("baseline")));
        assertEquals(List.of("value", "recordedAt"), fields(json.get("latest")));
        assertEquals(List.of("value", "n"), fields(json.get("current")));
        assertEquals(List.of("period", "mean", "min", "max", "n"), fields(json.get("series").get(0)));
        assertEquals(List.of("sessionId", "number", "startedAt", "pre", "post", "acuteChange",
                "acuteImprovementPercent", "durabilityDays", "durabilityCensored"), fields(json.get("sessions").get(0)));
        assertEquals(List.of("expectedDays", "reportedDays", "rate"), fields(json.get("adherence")));
        // The names the web app codes against.
        assertEquals(List.of("status", "dueOn", "expectedReliefDays", "basedOnSessionIds", "reliefHeldAtLeastDays",
                "covered"), fields(json.get("boosterForecast")));

        assertEquals(Course.PATIENT.toString(), json.get("patientId").asText());
        assertEquals("pain", json.get("domain").asText());
        assertEquals("LOWER_IS_BETTER", json.get("direction").asText());
        assertTrue(json.get("from").isNull());
        assertEquals("2026-01-07T00:00:00Z", json.get("to").asText());
        assertEquals("DAY", json.get("granularity").asText());
        assertEquals("PRE_TREATMENT_MEAN", json.get("baseline").get("method").asText());
        assertEquals("7.33", json.get("baseline").get("value").toString()); // (8 + 7 + 7) / 3
        assertEquals("2026-01-06T20:00:00Z", json.get("latest").get("recordedAt").asText());
        assertEquals("2026-01-02", json.get("series").get(0).get("period").asText());
        assertEquals("57.1", json.get("sessions").get(0).get("acuteImprovementPercent").toString());
    }

    @Test
    void trendWithoutValuesShouldWriteNullsAndEmptyLists() throws Exception {
        JsonNode json = JSON.readTree(JSON.writeValueAsString(Course.utc().trend(Domain.MOOD, "2026-01-07T00:00:00Z")));

        assertEquals("mood", json.get("domain").asText());
        assertEquals("HIGHER_IS_BETTER", json.get("direction").asText());
        for (String field : List.of("baseline", "latest", "current", "absoluteChange", "improvementPercent",
                "slopePerWeek")) {
            assertTrue(json.get(field).isNull(), field);
        }
        assertEquals("INSUFFICIENT_DATA", json.get("category").asText());
        assertEquals(0, json.get("series").size());
        assertEquals(0, json.get("sessions").size());
        assertTrue(json.get("adherence").isObject());
    }
}
