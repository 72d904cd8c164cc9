package com.infusionoutcomes.trend;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManagerFactory;

import org.hibernate.SessionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.infusionoutcomes.TestData;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * The trend endpoints over HTTP, against a small course whose every figure is worked out by hand below. The
 * formulas themselves are proven without HTTP in the other Trend*Test classes; this proves the service feeds
 * them the right rows (the patient's zone and enrolment, DAILY/PRE/POST contexts, session numbers, {@code to}).
 */
@QuarkusTest
class TrendResourceTest {

    /** Exact JSON numbers: 4.8 must arrive as written, not as the nearest double. */
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final String PROBLEM = "application/problem+json";
    private static final String TO = "2026-09-15T00:00:00Z";

    @Inject
    EntityManagerFactory database;

    @BeforeEach
    void signIn() {
        TestData.signInAsClinician();
    }

    @AfterEach
    void signOut() {
        TestData.signOut();
    }

    /**
     * Pain, in UTC, enrolled 2026-09-01. Longitudinal values (DAILY and PRE_INFUSION):
     * <pre>
     *   09-01 20:00  8   09-02 20:00  7   09-03 20:00  9   09-05 09:50 pre#1 8     (baseline window of #1)
     *   #1 09-05 10:00-10:50, post 3 at 11:00
     *   09-06 20:00  4 (50 %)   09-08 20:00  5 (37.5 %)   09-10 20:00  6 (25 %: relief of #1 ended)
     *   09-11 20:00  sleep 5 only (a reported day, no pain value)
     *   09-12 09:50 pre#2 6;  #2 09-12 10:00-10:50, post 2 at 11:00
     *   09-13 20:00  3 (62.5 %)   09-14 20:00  4 (50 %)
     * </pre>
     */
    private record Fixture(String patient, String first, String second) {
    }

    private static Fixture course() {
        String patient = TestData.enrollPatient("""
                {"displayName": "Trend Course", "timezone": "UTC", "enrolledAt": "2026-09-01T00:00:00Z"}
                """);
        daily(patient, "2026-09-01T20:00:00Z", "{\"pain\": 8}");
        daily(patient, "2026-09-02T20:00:00Z", "{\"pain\": 7}");
        daily(patient, "2026-09-03T20:00:00Z", "{\"pain\": 9}");
        String first = TestData.completedSession(patient, Instant.parse("2026-09-05T10:00:00Z"));
        checkIn(patient, "PRE_INFUSION", first, "2026-09-05T09:50:00Z", "{\"pain\": 8}");
        checkIn(patient, "POST_INFUSION", first, "2026-09-05T11:00:00Z", "{\"pain\": 3}");
        daily(patient, "2026-09-06T20:00:00Z", "{\"pain\": 4}");
        daily(patient, "2026-09-08T20:00:00Z", "{\"pain\": 5}");
        daily(patient, "2026-09-10T20:00:00Z", "{\"pain\": 6}");
        daily(patient, "2026-09-11T20:00:00Z", "{\"sleep\": 5}");
        String second = TestData.completedSession(patient, Instant.parse("2026-09-12T10:00:00Z"));
        checkIn(patient, "PRE_INFUSION", second, "2026-09-12T09:50:00Z", "{\"pain\": 6}");
        checkIn(patient, "POST_INFUSION", second, "2026-09-12T11:00:00Z", "{\"pain\": 2}");
        daily(patient, "2026-09-13T20:00:00Z", "{\"pain\": 3}");
        daily(patient, "2026-09-14T20:00:00Z", "{\"pain\": 4}");
        // Recorded after `to`: a query up to 09-15 must not see it.
        daily(patient, "2026-09-16T20:00:00Z", "{\"pain\": 10}");
        return new Fixture(patient, first, second);
    }

    private static void daily(String patient, String recordedAt, String scores) {
        checkIn(patient, "DAILY", null, recordedAt, scores);
    }

    private static void checkIn(String patient, String context, String session, String recordedAt, String scores) {
        String body = """
                {"context": "%s", "sessionId": %s, "recordedAt": "%s", "scores": %s}
                """.formatted(context, session == null ? "null" : "\"" + session + "\"", recordedAt, scores);
        given().contentType(ContentType.JSON).body(body).post("/api/v1/patients/{p}/check-ins", patient)
                .then().statusCode(201);
    }

    private static JsonNode json(Response response) {
        response.then().statusCode(200).contentType(ContentType.JSON);
        try {
            return JSON.readTree(response.asString());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static JsonNode trend(String patient, String domain, Map<String, String> query) {
        RequestSpecification request = given();
        query.forEach(request::queryParam);
        return json(request.get("/api/v1/patients/{p}/trends/{d}", patient, domain));
    }

    /** The sessions part, shared by every pain query of the course: it describes the course up to `to`. */
    private static String painSessions(Fixture c) {
        return """
                [{"sessionId": "%s", "number": 1, "startedAt": "2026-09-05T10:00:00Z", "pre": 8, "post": 3,
                  "acuteChange": -5, "acuteImprovementPercent": 62.5, "durabilityDays": 5.4,
                  "durabilityCensored": false},
                 {"sessionId": "%s", "number": 2, "startedAt": "2026-09-12T10:00:00Z", "pre": 6, "post": 2,
                  "acuteChange": -4, "acuteImprovementPercent": 66.7, "durabilityDays": 2.4,
                  "durabilityCensored": true}]
                """.formatted(c.first(), c.second());
    }

    /**
     * #2's relief has not ended (censored at 2.4 d), so #1's ended relief of 5.38 d forecasts it: the median of one,
     * 5 whole days after #2 ended on 09-12, due 09-17; nothing scheduled.
     */
    private static String painForecast(Fixture c) {
        return """
                {"status": "FORECAST", "dueOn": "2026-09-17", "expectedReliefDays": 5.4, "basedOnSessionIds": ["%s"],
                 "reliefHeldAtLeastDays": 2.4, "covered": false}
                """.formatted(c.first());
    }

    @Test
    void shouldReportTheHandComputedCourseByDay() {
        Fixture c = course();

        JsonNode trend = trend(c.patient(), "pain", Map.of("to", TO));

        // baseline (8 + 7 + 9 + 8) / 4 = 8; current: values in [09-07 20:00, 09-14 20:00] = (5+6+6+3+4) / 5 = 4.8;
        // improvement (8 - 4.8) / 8 = 40 % -> MODERATE; slope: least squares over all ten values = -2.283/week.
        // #1: 62.5 % acute; relief until 09-10 20:00, 5 d 9 h 10 min after 10:50 = 5.38 d. #2: 66.7 % acute;
        // relieved at every value up to `to`, last 2 d 9 h 10 min after -> 2.4, censored.
        // Adherence 09-01..09-15 (15 days); reported 01 02 03 05 06 08 10 11 12 13 14 = 11 -> 0.73.
        assertEquals(json("""
                {"patientId": "%s", "domain": "pain", "direction": "LOWER_IS_BETTER", "from": null,
                 "to": "2026-09-15T00:00:00Z", "granularity": "DAY",
                 "baseline": {"value": 8, "method": "PRE_TREATMENT_MEAN", "n": 4},
                 "latest": {"value": 4, "recordedAt": "2026-09-14T20:00:00Z"},
                 "current": {"value": 4.8, "n": 5},
                 "absoluteChange": -3.2, "improvementPercent": 40, "category": "MODERATE", "slopePerWeek": -2.28,
                 "series": [
                   {"period": "2026-09-01", "mean": 8, "min": 8, "max": 8, "n": 1},
                   {"period": "2026-09-02", "mean": 7, "min": 7, "max": 7, "n": 1},
                   {"period": "2026-09-03", "mean": 9, "min": 9, "max": 9, "n": 1},
                   {"period": "2026-09-05", "mean": 8, "min": 8, "max": 8, "n": 1},
                   {"period": "2026-09-06", "mean": 4, "min": 4, "max": 4, "n": 1},
                   {"period": "2026-09-08", "mean": 5, "min": 5, "max": 5, "n": 1},
                   {"period": "2026-09-10", "mean": 6, "min": 6, "max": 6, "n": 1},
                   {"period": "2026-09-12", "mean": 6, "min": 6, "max": 6, "n": 1},
                   {"period": "2026-09-13", "mean": 3, "min": 3, "max": 3, "n": 1},
                   {"period": "2026-09-14", "mean": 4, "min": 4, "max": 4, "n": 1}],
                 "sessions": %s,
                 "adherence": {"expectedDays": 15, "reportedDays": 11, "rate": 0.73},
                 "boosterForecast": %s}
                """.formatted(c.patient(), painSessions(c), painForecast(c))), trend);
    }

    @Test
    void shouldBucketByIsoWeekAndLetFromNarrowOnlySeriesSlopeAndAdherence() {
        Fixture c = course();

        // Weeks start on Monday: 08-31 holds 09-01..09-06 (8 7 9 8 4: mean 7.2), 09-07 holds 5 6 6 3, 09-14 holds 4.
        JsonNode whole = trend(c.patient(), "pain", Map.of("to", TO, "granularity", "WEEK"));
        assertEquals(json("""
                [{"period": "2026-08-31", "mean": 7.2, "min": 4, "max": 9, "n": 5},
                 {"period": "2026-09-07", "mean": 5, "min": 3, "max": 6, "n": 4},
                 {"period": "2026-09-14", "mean": 4, "min": 4, "max": 4, "n": 1}]
                """), whole.get("series"));
        assertEquals("WEEK", whole.get("granularity").asText());

        JsonNode narrowed = trend(c.patient(), "pain", Map.of("from", "2026-09-07T00:00:00Z", "to", TO,
                "granularity", "WEEK"));
        // Baseline, current, change, category and the infusions still describe the whole course; the slope is
        // over the five values from 09-07 (-2.179/week) and adherence counts 09-07..09-15: 08 10 11 12 13 14 of 9.
        assertEquals(json("""
                {"patientId": "%s", "domain": "pain", "direction": "LOWER_IS_BETTER",
                 "from": "2026-09-07T00:00:00Z", "to": "2026-09-15T00:00:00Z", "granularity": "WEEK",
                 "baseline": {"value": 8, "method": "PRE_TREATMENT_MEAN", "n": 4},
                 "latest": {"value": 4, "recordedAt": "2026-09-14T20:00:00Z"},
                 "current": {"value": 4.8, "n": 5},
                 "absoluteChange": -3.2, "improvementPercent": 40, "category": "MODERATE", "slopePerWeek": -2.18,
                 "series": [
                   {"period": "2026-09-07", "mean": 5, "min": 3, "max": 6, "n": 4},
                   {"period": "2026-09-14", "mean": 4, "min": 4, "max": 4, "n": 1}],
                 "sessions": %s,
                 "adherence": {"expectedDays": 9, "reportedDays": 6, "rate": 0.67},
                 "boosterForecast": %s}
                """.formatted(c.patient(), painSessions(c), painForecast(c))), narrowed);
    }

    @Test
    void shouldSeeEverythingUpToNowWithoutTo() {
        Fixture c = course();

        JsonNode trend = trend(c.patient(), "pain", Map.of());

        // The 09-16 value of 10 is now the latest; its 7 days from 09-09 20:00 hold 6 6 3 4 10: current 5.8,
        // (8 - 5.8) / 8 = 27.5 % better.
        assertEquals("10", trend.at("/latest/value").toString());
        assertEquals(json("{\"value\": 5.8, \"n\": 5}"), trend.get("current"));
        assertEquals("27.5", trend.get("improvementPercent").toString());
        assertEquals("MINIMAL", trend.get("category").asText());
        Instant to = Instant.parse(trend.get("to").asText());
        assertTrue(Duration.between(to, Instant.now()).abs().compareTo(Duration.ofMinutes(1)) < 0, to.toString());
    }

    @Test
    void shouldAnswerADomainWithoutValuesWithNullsAndTheInfusions() {
        Fixture c = course();

        JsonNode mood = trend(c.patient(), "mood", Map.of("to", TO));

        assertEquals(json("""
                {"patientId": "%s", "domain": "mood", "direction": "HIGHER_IS_BETTER", "from": null,
                 "to": "2026-09-15T00:00:00Z", "granularity": "DAY",
                 "baseline": null, "latest": null, "current": null, "absoluteChange": null,
                 "improvementPercent": null, "category": "INSUFFICIENT_DATA", "slopePerWeek": null, "series": [],
                 "sessions": [
                   {"sessionId": "%s", "number": 1, "startedAt": "2026-09-05T10:00:00Z", "pre": null, "post": null,
                    "acuteChange": null, "acuteImprovementPercent": null, "durabilityDays": null,
                    "durabilityCensored": null},
                   {"sessionId": "%s", "number": 2, "startedAt": "2026-09-12T10:00:00Z", "pre": null, "post": null,
                    "acuteChange": null, "acuteImprovementPercent": null, "durabilityDays": null,
                    "durabilityCensored": null}],
                 "adherence": {"expectedDays": 15, "reportedDays": 11, "rate": 0.73},
                 "boosterForecast": {"status": "INSUFFICIENT_DATA", "dueOn": null, "expectedReliefDays": null,
                   "basedOnSessionIds": [], "reliefHeldAtLeastDays": null, "covered": null}}
                """.formatted(c.patient(), c.first(), c.second())), mood);
    }

    @Test
    void shouldAnswerAPatientWithoutAnyDataWithNullsAndEmptyLists() {
        String patient = TestData.enrollPatient();

        JsonNode trend = trend(patient, "sleep", Map.of());

        for (String field : List.of("from", "baseline", "latest", "current", "absoluteChange", "improvementPercent",
                "slopePerWeek")) {
            assertTrue(trend.get(field).isNull(), field);
        }
        assertEquals("INSUFFICIENT_DATA", trend.get("category").asText());
        assertEquals(json("[]"), trend.get("series"));
        assertEquals(json("[]"), trend.get("sessions"));
        // Enrolled today: today is expected and not yet reported.
        assertEquals(0, trend.at("/adherence/reportedDays").intValue());
        assertEquals("0", trend.at("/adherence/rate").toString());
    }

    @Test
    void shouldKeepDaysAndWeeksInThePatientsZoneAcrossDaylightSavingChanges() {
        String patient = TestData.enrollPatient("""
                {"displayName": "DST Course", "timezone": "America/New_York", "enrolledAt": "2026-03-07T00:00:00-05:00"}
                """);
        daily(patient, "2026-03-07T23:30:00-05:00", "{\"pain\": 5}"); // Saturday evening, 04:30Z on Sunday
        daily(patient, "2026-03-08T00:30:00-05:00", "{\"pain\": 6}"); // Sunday, before the 02:00 spring jump
        daily(patient, "2026-03-08T23:30:00-04:00", "{\"pain\": 4}"); // Sunday evening, 03:30Z on Monday
        daily(patient, "2026-10-31T23:30:00-04:00", "{\"pain\": 3}"); // Saturday, 03:30Z on Sunday
        daily(patient, "2026-11-01T23:30:00-05:00", "{\"pain\": 2}"); // Sunday after the fall change, Monday in UTC

        JsonNode days = trend(patient, "pain", Map.of("to", "2026-11-03T00:00:00Z"));
        assertEquals(json("""
                [{"period": "2026-03-07", "mean": 5, "min": 5, "max": 5, "n": 1},
                 {"period": "2026-03-08", "mean": 5, "min": 4, "max": 6, "n": 2},
                 {"period": "2026-10-31", "mean": 3, "min": 3, "max": 3, "n": 1},
                 {"period": "2026-11-01", "mean": 2, "min": 2, "max": 2, "n": 1}]
                """), days.get("series"));

        JsonNode weeks = trend(patient, "pain", Map.of("to", "2026-11-03T00:00:00Z", "granularity", "WEEK"));
        assertEquals(json("""
                [{"period": "2026-03-02", "mean": 5, "min": 4, "max": 6, "n": 3},
                 {"period": "2026-10-26", "mean": 2.5, "min": 2, "max": 3, "n": 2}]
                """), weeks.get("series"));

        // Saturday and the 23-hour Sunday, up to 23:59 EDT on Sunday: two local days, both reported.
        JsonNode spring = trend(patient, "pain", Map.of("to", "2026-03-08T23:59:00-04:00"));
        assertEquals(json("{\"expectedDays\": 2, \"reportedDays\": 2, \"rate\": 1}"), spring.get("adherence"));
    }

    @Test
    void shouldGiveAllFourDomainsWithoutSeriesUnlessAsked() {
        Fixture c = course();

        JsonNode overview = json(given().queryParam("to", TO).get("/api/v1/patients/{p}/trends", c.patient()));
        JsonNode withSeries = json(given().queryParam("to", TO).queryParam("includeSeries", "true")
                .get("/api/v1/patients/{p}/trends", c.patient()));

        assertEquals(c.patient(), overview.get("patientId").asText());
        List<String> domains = List.of("pain", "sleep", "mobility", "mood");
        assertEquals(domains.size(), overview.get("domains").size());
        for (int i = 0; i < domains.size(); i++) {
            JsonNode single = trend(c.patient(), domains.get(i), Map.of("to", TO));
            assertEquals(single, withSeries.get("domains").get(i), domains.get(i));
            ((ObjectNode) single).putNull("series");
            assertEquals(single, overview.get("domains").get(i), domains.get(i));
        }
        // sleep: one value ever, so a FIRST_VALUE baseline with nothing after it to compare.
        assertEquals(json("{\"value\": 5, \"method\": \"FIRST_VALUE\", \"n\": 1}"),
                overview.at("/domains/1/baseline"));
        assertEquals("INSUFFICIENT_DATA", overview.at("/domains/1/category").asText());
    }

    @Test
    void shouldFollowInstrumentScoresWithTheirOwnAnchors() {
        String patient = TestData.enrollPatient("""
                {"displayName": "Instrument Course", "timezone": "UTC", "enrolledAt": "2026-09-01T00:00:00Z"}
                """);
        String session = TestData.completedSession(patient, Instant.parse("2026-09-05T10:00:00Z"));
        respond(patient, "phq9", "[2, 2, 2, 2, 2, 2, 2, 2, 0]", "2026-09-02T20:00:00Z"); // 16, baseline window
        respond(patient, "phq9", "[1, 1, 1, 1, 1, 1, 1, 0, 0]", "2026-09-20T20:00:00Z"); // 7: a 56 % drop
        respond(patient, "peg", "[7, 6, 6]", "2026-09-02T20:00:00Z"); // 6.33
        respond(patient, "peg", "[4, 3, 3]", "2026-09-20T20:00:00Z"); // 3.33

        JsonNode phq9 = trend(patient, "phq9", Map.of("to", "2026-09-21T00:00:00Z"));
        assertEquals("phq9", phq9.get("domain").asText());
        assertEquals("LOWER_IS_BETTER", phq9.get("direction").asText());
        assertEquals("16", phq9.at("/baseline/value").toString());
        assertEquals("PRE_TREATMENT_MEAN", phq9.at("/baseline/method").asText());
        assertEquals("7", phq9.at("/latest/value").toString());
        assertEquals("56.3", phq9.get("improvementPercent").toString());
        assertEquals("RESPONSE", phq9.get("category").asText());
        assertEquals(session, phq9.at("/sessions/0/sessionId").asText());
        assertEquals(2, phq9.get("series").size());

        JsonNode peg = trend(patient, "peg", Map.of("to", "2026-09-21T00:00:00Z"));
        assertEquals("6.33", peg.at("/baseline/value").toString());
        assertEquals("3.33", peg.at("/latest/value").toString());
        assertEquals("-3", peg.get("absoluteChange").toString());
        assertEquals("47.4", peg.get("improvementPercent").toString()); // 3 / 6.33
        assertEquals("MODERATE", peg.get("category").asText());

        JsonNode gad7 = trend(patient, "gad7", Map.of("to", "2026-09-21T00:00:00Z"));
        assertEquals("INSUFFICIENT_DATA", gad7.get("category").asText());
        assertTrue(gad7.get("baseline").isNull());
        given().get("/api/v1/patients/{p}/trends/phq2", patient).then().statusCode(404).contentType(PROBLEM);
    }

    private static void respond(String patient, String instrument, String answers, String recordedAt) {
        given().contentType(ContentType.JSON).body("""
                {"instrument": "%s", "answers": %s, "recordedAt": "%s"}
                """.formatted(instrument, answers, recordedAt))
                .post("/api/v1/patients/{p}/questionnaire-responses", patient).then().statusCode(201);
    }

    @Test
    void shouldAnswerUnknownDomainsAndPatientsWith404() {
        String patient = TestData.enrollPatient();
        for (String domain : List.of("anxiety", "Pain", "PAIN", "pain ")) {
            given().get("/api/v1/patients/{p}/trends/{d}", patient, domain)
                    .then().statusCode(404).contentType(PROBLEM).body("detail", equalTo("Trend domain not found"));
        }
        given().get("/api/v1/patients/{p}/trends/pain", TestData.unknownId()).then().statusCode(404)
                .contentType(PROBLEM);
        given().get("/api/v1/patients/{p}/trends", TestData.unknownId()).then().statusCode(404)
                .contentType(PROBLEM);
        given().get("/api/v1/patients/not-a-uuid/trends/pain").then().statusCode(404).contentType(PROBLEM);
    }

    @Test
    void shouldRefuseAWindowThatEndsBeforeItStarts() {
        String patient = TestData.enrollPatient();
        for (String path : List.of("/api/v1/patients/{p}/trends/pain", "/api/v1/patients/{p}/trends")) {
            given().queryParam("from", "2026-09-10T00:00:00Z").queryParam("to", "2026-09-09T00:00:00Z")
                    .get(path, patient).then().statusCode(422).contentType(PROBLEM)
                    .body("errors[0].parameter", equalTo("from"));
            // Without `to` the window ends now, so a `from` tomorrow is just as empty.
            given().queryParam("from", Instant.now().plus(Duration.ofDays(1)).toString())
                    .get(path, patient).then().statusCode(422).body("errors[0].parameter", equalTo("from"));
        }
        // A window of one instant is a window.
        given().queryParam("from", TO).queryParam("to", TO).get("/api/v1/patients/{p}/trends/pain", patient)
                .then().statusCode(200);
    }

    @Test
    void shouldRefuseUnreadableAndUnknownQueryValues() {
        String patient = TestData.enrollPatient();
        String trend = "/api/v1/patients/{p}/trends/pain";
        given().queryParam("to", "2026-09-15").get(trend, patient).then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].parameter", equalTo("to"));
        given().queryParam("from", "yesterday").get(trend, patient).then().statusCode(400)
                .body("errors[0].parameter", equalTo("from"));
        given().queryParam("granularity", "MONTH").get(trend, patient).then().statusCode(422).contentType(PROBLEM)
                .body("errors[0].parameter", equalTo("granularity"));
        given().queryParam("granularity", "week").get(trend, patient).then().statusCode(422);
        given().queryParam("includeSeries", "yes").get("/api/v1/patients/{p}/trends", patient)
                .then().statusCode(400).body("errors[0].parameter", equalTo("includeSeries"));
    }

    @Test
    void shouldAuditEachTrendReadAsTheCallerWithThePatient() {
        String patient = TestData.enrollPatient();
        String read = "trend-" + UUID.randomUUID();
        given().header("X-Request-Id", read).get("/api/v1/patients/{p}/trends/mobility", patient)
                .then().statusCode(200);
        String overview = "trends-" + UUID.randomUUID();
        given().header("X-Request-Id", overview).get("/api/v1/patients/{p}/trends", patient).then().statusCode(200);

        List<Map<String, Object>> events = TestData.as(TestData.adminToken()).queryParam("patientId", patient)
                .queryParam("limit", 500).get("/api/v1/audit-events").then().statusCode(200).extract().path("items");
        Map<String, Object> one = events.stream().filter(e -> read.equals(e.get("requestId"))).findFirst().orElseThrow();
        assertEquals(List.of("READ", "Trend", "mobility", "SUCCESS", "CLINICIAN"), List.of(one.get("action"),
                one.get("resourceType"), one.get("resourceId"), one.get("outcome"), one.get("actorRole")));
        Map<String, Object> all = events.stream().filter(e -> overview.equals(e.get("requestId"))).findFirst()
                .orElseThrow();
        assertEquals(List.of("LIST", "Trend", "SUCCESS"),
                List.of(all.get("action"), all.get("resourceType"), all.get("outcome")));
    }

    /**
     * The cost follows one patient's data: the same four queries (the caller-scoped patient lookup, the check-ins,
     * the completed sessions, the scheduled ones) for a course of 3 check-ins as for one of 30, and for four domains
     * as for one.
     */
    @Test
    void shouldReadAPatientsCourseInFourQueriesWhateverItsLength() {
        String small = TestData.enrollPatient();
        String large = TestData.enrollPatient();
        Instant start = Instant.now().minus(Duration.ofDays(40));
        for (int day = 0; day < 30; day++) {
            if (day < 3) {
                daily(small, start.plus(Duration.ofDays(day)).toString(), "{\"pain\": 6}");
            }
            daily(large, start.plus(Duration.ofDays(day)).toString(), "{\"pain\": " + (day % 10) + "}");
        }
        TestData.completedSession(small, 20);
        for (int days : List.of(30, 20, 10)) {
            TestData.completedSession(large, days);
        }

        assertEquals(4, queries(() -> trend(small, "pain", Map.of())));
        assertEquals(4, queries(() -> trend(large, "pain", Map.of())));
        assertEquals(4, queries(() -> json(given().get("/api/v1/patients/{p}/trends", large))));
    }

    /** JPQL queries the application ran while serving {@code request} (inserts, such as audit events, excluded). */
    private long queries(Runnable request) {
        var statistics = database.unwrap(SessionFactory.class).getStatistics();
        assertTrue(statistics.isStatisticsEnabled(), "%test.quarkus.hibernate-orm.statistics must be on");
        long before = statistics.getQueryExecutionCount();
        request.run();
        return statistics.getQueryExecutionCount() - before;
    }
}
