package com.infusionoutcomes.report;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManagerFactory;

import org.hibernate.SessionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.infusionoutcomes.TestData;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * The clinician's panel over HTTP: each row is the patient's own trend, the orders put whoever needs attention
 * first, pages join up without gaps, and the whole caseload is read in a fixed number of queries.
 */
@QuarkusTest
class ReportResourceTest {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final String PANEL = "/api/v1/reports/panel";
    private static final Instant BASE = Instant.now().minus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);

    @Inject
    EntityManagerFactory database;

    @AfterEach
    void signOut() {
        TestData.signOut();
    }

    private static Instant day(int days) {
        return BASE.plus(days, ChronoUnit.DAYS);
    }

    private static String patient(String name) {
        return TestData.enrollPatient("{\"displayName\": \"" + name + "\", \"timezone\": \"Europe/Berlin\"}");
    }

    private static void checkIn(String patient, String context, String session, Instant at, String scores) {
        given().contentType(ContentType.JSON)
                .body("""
                        {"context": "%s", "sessionId": %s, "recordedAt": "%s", "scores": %s}
                        """.formatted(context, session == null ? "null" : "\"" + session + "\"", at, scores))
                .post("/api/v1/patients/{p}/check-ins", patient).then().statusCode(201);
    }

    /**
     * Eight patients, pain from a first value (or baseline) to a value more than 7 days later, so current is that
     * one value:
     * <pre>
     *   A 8 -> 8   0 %    NO_CHANGE      last day 20        E 8 -> 5   37.5 % MODERATE     last day 19
     *   B 8 -> 10 -25 %   WORSENED       last day 21        F 10 -> 9  10 %   MINIMAL      last day 18
     *   C 8 -> 2   75 %   SUBSTANTIAL    last day 25 (sleep) G 8 -> 7  12.5 % MINIMAL      last day 23
     *   D nothing  null   INSUFFICIENT   never              H 6 only   0 %    INSUFFICIENT last day 24
     * </pre>
     * C had an infusion on day 2 (pre 8, post 4) and is still relieved at day 22: durability 19.97 days, censored.
     */
    private static Map<String, String> caseload() {
        Map<String, String> ids = new LinkedHashMap<>();
        int[][] courses = { { 8, 8, 20 }, { 8, 10, 21 }, {}, {}, { 8, 5, 19 }, { 10, 9, 18 }, { 8, 7, 23 } };
        String[] names = { "A", "B", "C", "D", "E", "F", "G" };
        for (int i = 0; i < names.length; i++) {
            String id = patient("Panel " + names[i]);
            ids.put(names[i], id);
            if (courses[i].length == 3) {
                checkIn(id, "DAILY", null, day(0), "{\"pain\": " + courses[i][0] + "}");
                checkIn(id, "DAILY", null, day(courses[i][2]), "{\"pain\": " + courses[i][1] + "}");
            }
        }
        String c = ids.get("C");
        checkIn(c, "DAILY", null, day(0), "{\"pain\": 8}");
        String session = TestData.completedSession(c, day(2));
        checkIn(c, "PRE_INFUSION", session, day(2).minus(10, ChronoUnit.MINUTES), "{\"pain\": 8}");
        checkIn(c, "POST_INFUSION", session, day(2).plus(60, ChronoUnit.MINUTES), "{\"pain\": 4}");
        checkIn(c, "DAILY", null, day(22), "{\"pain\": 2}");
        checkIn(c, "DAILY", null, day(25), "{\"sleep\": 7}");
        String h = patient("Panel H");
        ids.put("H", h);
        checkIn(h, "DAILY", null, day(24), "{\"pain\": 6}");
        return ids;
    }

    private static JsonNode json(Response response) {
        response.then().statusCode(200).contentType(ContentType.JSON);
        try {
            return JSON.readTree(response.asString());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Every row of the panel, following nextCursor; checks that each page but the last is full. */
    private static List<JsonNode> allPages(String domain, String sort, int limit) {
        List<JsonNode> rows = new ArrayList<>();
        String cursor = null;
        for (int page = 0; page < 50; page++) {
            var request = given().queryParam("limit", limit);
            if (domain != null) {
                request.queryParam("domain", domain);
            }
            if (sort != null) {
                request.queryParam("sort", sort);
            }
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonNode body = json(request.get(PANEL));
            body.get("items").forEach(rows::add);
            cursor = body.get("nextCursor").isNull() ? null : body.get("nextCursor").asText();
            if (cursor == null) {
                return rows;
            }
            assertEquals(limit, body.get("items").size(), "a page before the last is full");
        }
        throw new AssertionError("the cursor never ended");
    }

    private static List<String> names(List<JsonNode> rows) {
        return rows.stream().map(r -> r.get("displayName").asText().replace("Panel ", "")).toList();
    }

    /** The order the panel breaks ties in: the patientId as text. */
    private static List<String> byId(Map<String, String> ids, String... names) {
        return List.of(names).stream().sorted((a, b) -> ids.get(a).compareTo(ids.get(b))).toList();
    }

    private static List<String> concat(List<String>... parts) {
        List<String> all = new ArrayList<>();
        for (List<String> part : parts) {
            all.addAll(part);
        }
        return all;
    }

    @Test
    void shouldListEachPatientWithTheFiguresOfTheirOwnTrend() {
        TestData.signInAsNewClinician();
        Map<String, String> ids = caseload();

        for (String domain : List.of("pain", "sleep")) {
            List<JsonNode> rows = allPages(domain, null, 500);
            assertEquals(ids.size(), rows.size(), domain);
            for (JsonNode row : rows) {
                String patient = row.get("patientId").asText();
                JsonNode trend = json(given().get("/api/v1/patients/{p}/trends/{d}", patient, domain));
                JsonNode sessions = trend.get("sessions");
                String where = domain + " " + row.get("displayName").asText();
                assertEquals(sessions.size(), row.get("completedSessions").intValue(), where);
                assertEquals(trend.at("/baseline/value").isMissingNode() ? null : trend.at("/baseline/value"),
                        row.get("baseline").isNull() ? null : row.get("baseline"), where);
                assertEquals(trend.at("/current/value").isMissingNode() ? null : trend.at("/current/value"),
                        row.get("current").isNull() ? null : row.get("current"), where);
                assertEquals(trend.get("improvementPercent"), row.get("improvementPercent"), where);
                assertEquals(trend.get("category"), row.get("category"), where);
                assertEquals(sessions.isEmpty() ? JSON.nullNode() : sessions.get(sessions.size() - 1).get("durabilityDays"),
                        row.get("lastDurabilityDays"), where);
                List<String> latest = given().queryParam("limit", 1).get("/api/v1/patients/{p}/check-ins", patient)
                        .then().statusCode(200).extract().path("items.recordedAt");
                assertEquals(latest.isEmpty() ? null : latest.get(0),
                        row.get("lastCheckInAt").isNull() ? null : row.get("lastCheckInAt").asText(), where);
            }
        }

        JsonNode c = allPages("pain", null, 500).stream()
                .filter(r -> r.get("patientId").asText().equals(ids.get("C"))).findFirst().orElseThrow();
        assertEquals("8", c.get("baseline").toString());
        assertEquals("2", c.get("current").toString());
        assertEquals("75", c.get("improvementPercent").toString());
        assertEquals("SUBSTANTIAL", c.get("category").asText());
        assertEquals(1, c.get("completedSessions").intValue());
        assertEquals("20", c.get("lastDurabilityDays").toString()); // 20 days less the 50-minute infusion: 19.97
        assertEquals(day(25).toString(), c.get("lastCheckInAt").asText()); // the sleep-only check-in
    }

    @Test
    void shouldSortWhoNeedsAttentionFirstAndPageWithoutGapsOrRepeats() {
        TestData.signInAsNewClinician();
        Map<String, String> ids = caseload();

        List<String> worstFirst = concat(List.of("B"), byId(ids, "A", "H"), List.of("F", "G", "E", "C", "D"));
        assertEquals(worstFirst, names(allPages(null, null, 3)), "default: improvementPercent");
        assertEquals(worstFirst, names(allPages("pain", "improvementPercent", 3)));
        assertEquals(worstFirst, names(allPages("pain", "improvementPercent", 1)));
        assertEquals(List.of("D", "F", "E", "A", "B", "G", "H", "C"), names(allPages("pain", "lastCheckInAt", 3)));
        assertEquals(List.of("B", "A", "F", "G", "E", "C", "H", "D"), names(allPages("pain", "category", 3)));
        assertEquals(List.of("D", "F", "E", "A", "B", "G", "H", "C"), names(allPages("pain", "lastCheckInAt", 8)));

        JsonNode first = json(given().queryParam("limit", 8).get(PANEL));
        assertTrue(first.get("nextCursor").isNull(), "a page that holds every row is the last");
        assertEquals(8, first.get("items").size());
    }

    @Test
    void shouldKeepItsPlaceWhenAPatientLeavesTheCaseloadBetweenPages() {
        String token = TestData.signInAsNewClinician();
        Map<String, String> ids = caseload();
        JsonNode page = json(given().queryParam("limit", 3).get(PANEL));
        assertEquals(List.of("B", byId(ids, "A", "H").get(0), byId(ids, "A", "H").get(1)),
                names(List.of(page.get("items").get(0), page.get("items").get(1), page.get("items").get(2))));

        // B, already seen, leaves the care team (a colleague takes over): an offset would now skip F.
        TestData.as(token).contentType(ContentType.JSON)
                .body(Map.of("userId",
                        TestData.userId(TestData.token(TestData.createStaff("CLINICIAN"), TestData.PASSWORD))))
                .post("/api/v1/patients/{p}/care-team", ids.get("B")).then().statusCode(201);
        TestData.as(TestData.adminToken())
                .delete("/api/v1/patients/{p}/care-team/{u}", ids.get("B"), TestData.userId(token))
                .then().statusCode(204);
        JsonNode next = json(given().queryParam("limit", 3).queryParam("cursor", page.get("nextCursor").asText())
                .get(PANEL));
        List<JsonNode> rest = new ArrayList<>();
        next.get("items").forEach(rest::add);
        assertEquals(List.of("F", "G", "E"), names(rest));
    }

    @Test
    void shouldRefuseUnknownSortsDomainsAndForeignCursors() {
        TestData.signInAsNewClinician();
        String patient = patient("Panel solo");
        String other = patient("Panel other");
        checkIn(patient, "DAILY", null, day(1), "{\"pain\": 5}");
        checkIn(other, "DAILY", null, day(2), "{\"pain\": 5}");

        given().queryParam("sort", "displayName").get(PANEL).then().statusCode(422)
                .contentType("application/problem+json").body("errors[0].parameter", equalTo("sort"));
        given().queryParam("sort", "-improvementPercent").get(PANEL).then().statusCode(422);
        given().queryParam("domain", "anxiety").get(PANEL).then().statusCode(422)
                .body("errors[0].parameter", equalTo("domain"));
        given().queryParam("domain", "Pain").get(PANEL).then().statusCode(422);
        given().queryParam("limit", 0).get(PANEL).then().statusCode(422);
        given().queryParam("cursor", "not-a-cursor").get(PANEL).then().statusCode(400)
                .body("errors[0].parameter", equalTo("cursor"));

        String cursor = given().queryParam("limit", 1).queryParam("sort", "category").get(PANEL)
                .then().statusCode(200).extract().path("nextCursor");
        given().queryParam("cursor", cursor).queryParam("sort", "category").get(PANEL).then().statusCode(200);
        given().queryParam("cursor", cursor).queryParam("sort", "lastCheckInAt").get(PANEL).then().statusCode(400)
                .body("errors[0].parameter", equalTo("cursor"));
        given().queryParam("cursor", cursor).queryParam("sort", "category").queryParam("domain", "mood")
                .get(PANEL).then().statusCode(400);
    }

    @Test
    void shouldAnswerAClinicianWithoutPatientsWithAnEmptyPanel() {
        TestData.signInAsNewClinician();
        JsonNode empty = json(given().get(PANEL));
        assertEquals(0, empty.get("items").size());
        assertTrue(empty.get("nextCursor").isNull());
    }

    @Test
    void shouldAuditThePanelAsAListOfReportsByTheClinician() {
        String token = TestData.signInAsNewClinician();
        patient("Panel audited");
        String requestId = "panel-" + UUID.randomUUID();
        given().header("X-Request-Id", requestId).get(PANEL).then().statusCode(200);

        List<Map<String, Object>> events = TestData.as(TestData.adminToken())
                .queryParam("actorId", TestData.userId(token))
                .queryParam("limit", 500).get("/api/v1/audit-events").then().statusCode(200).extract().path("items");
        Map<String, Object> event = events.stream().filter(e -> requestId.equals(e.get("requestId"))).findFirst()
                .orElseThrow(() -> new AssertionError("no audit event for the panel: " + events));
        assertEquals(List.of("LIST", "Report", "SUCCESS", "CLINICIAN"), List.of(event.get("action"),
                event.get("resourceType"), event.get("outcome"), event.get("actorRole")));
        assertNull(event.get("patientId"));
    }

    /**
     * The caseload is read from the clinician's own care-team entries: a patient shared with a colleague is one row
     * in each panel, with their data counted once, and nobody else's patients or data come along.
     */
    @Test
    void shouldCountASharedPatientOnceInEachOfItsCliniciansPanels() {
        String mine = TestData.signInAsNewClinician();
        String shared = patient("Panel shared");
        String own = patient("Panel own");
        checkIn(shared, "DAILY", null, day(0), "{\"pain\": 8}");
        String session = TestData.completedSession(shared, day(2));
        checkIn(shared, "PRE_INFUSION", session, day(2).minus(10, ChronoUnit.MINUTES), "{\"pain\": 8}");
        checkIn(shared, "DAILY", null, day(9), "{\"pain\": 4}");
        checkIn(own, "DAILY", null, day(1), "{\"pain\": 6}");

        String theirs = TestData.signInAsNewClinician();
        String other = patient("Panel other clinic");
        checkIn(other, "DAILY", null, day(3), "{\"pain\": 7}");
        TestData.completedSession(other, day(4));
        TestData.as(mine).contentType(ContentType.JSON)
                .body(Map.of("userId", TestData.userId(theirs))).post("/api/v1/patients/{p}/care-team", shared)
                .then().statusCode(201);

        for (String token : List.of(mine, theirs)) {
            TestData.signIn(token);
            List<JsonNode> rows = allPages("pain", "lastCheckInAt", 500);
            assertEquals(token.equals(mine) ? List.of("own", "shared") : List.of("other clinic", "shared"), names(rows));
            JsonNode row = rows.get(1);
            assertEquals(1, row.get("completedSessions").intValue());
            assertEquals(day(9).toString(), row.get("lastCheckInAt").asText());
            assertEquals("8", row.get("baseline").toString()); // the DAILY and the PRE_INFUSION 8, each once
            assertEquals("50", row.get("improvementPercent").toString());
        }
    }

    /**
     * No query per patient: the page is one read of the caseload's stored summaries (with names and unresolved
     * alert counts), after one read of the summaries that time has made due for recomputing: two reads, for two
     * patients as for ten with a longer history each.
     */
    @Test
    void shouldReadTheWholeCaseloadInTwoQueriesWhateverItsSize() {
        TestData.signInAsNewClinician();
        for (int i = 0; i < 2; i++) {
            checkIn(patient("Panel small " + i), "DAILY", null, day(1), "{\"pain\": 5}");
        }
        assertEquals(2, queries(() -> json(given().get(PANEL))));

        for (int i = 0; i < 8; i++) {
            String patient = patient("Panel large " + i);
            for (int d = 0; d < 6; d++) {
                checkIn(patient, "DAILY", null, day(d * 4), "{\"pain\": " + (9 - d) + "}");
            }
            TestData.completedSession(patient, day(5));
        }
        assertEquals(2, queries(() -> json(given().get(PANEL))));
        assertEquals(2, queries(() -> json(given().queryParam("sort", "category").queryParam("limit", 2).get(PANEL))));
    }

    private long queries(Runnable request) {
        var statistics = database.unwrap(SessionFactory.class).getStatistics();
        assertTrue(statistics.isStatisticsEnabled(), "%test.quarkus.hibernate-orm.statistics must be on");
        long before = statistics.getQueryExecutionCount();
        request.run();
        return statistics.getQueryExecutionCount() - before;
    }

}
