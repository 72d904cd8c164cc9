package com.infusionoutcomes.checkin;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.infusionoutcomes.Rfc4180;
import com.infusionoutcomes.TestData;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The check-in list as a CSV file: every row whatever the paging parameters, the list's filters and order,
 * RFC 4180 quoting, empty cells for absent values, free text defused against spreadsheet formulas, problem
 * documents for errors, and an EXPORT in the audit trail.
 */
@QuarkusTest
class CheckInExportTest {

    private static final String HEADER = "id,patientId,sessionId,context,recordedAt,pain,sleep,mobility,mood,note,createdAt,version,status";
    private static final Instant START = Instant.now().minus(20, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);

    @BeforeEach
    void signIn() {
        TestData.signInAsClinician();
    }

    @AfterEach
    void signOut() {
        TestData.signOut();
    }

    private static String checkIn(String patient, String context, String session, Instant at, String scores,
            String note) {
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("context", context);
        body.put("sessionId", session);
        body.put("recordedAt", at.toString());
        try {
            body.put("scores", new ObjectMapper().readValue(scores, Map.class));
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(scores, e);
        }
        body.put("note", note);
        return given().contentType(ContentType.JSON).body(body).post("/api/v1/patients/{p}/check-ins", patient)
                .then().statusCode(201).extract().path("id");
    }

    private static Response export(String patient, Map<String, ?> query) {
        return given().accept("text/csv").queryParams(query).get("/api/v1/patients/{p}/check-ins", patient);
    }

    private static List<List<String>> rows(Response response) {
        response.then().statusCode(200);
        List<List<String>> records = Rfc4180.parse(response.asString());
        assertEquals(List.of(HEADER.split(",")), records.get(0), "header");
        return records.subList(1, records.size());
    }

    @Test
    void shouldExportEveryCheckInNewestFirstWhateverThePagingParameters() {
        String patient = TestData.enrollPatient();
        String session = TestData.completedSession(patient, START.plus(5, ChronoUnit.DAYS));
        List<String> ids = new ArrayList<>();
        for (int day = 0; day < 12; day++) {
            ids.add(checkIn(patient, "DAILY", null, START.plus(day, ChronoUnit.DAYS), "{\"pain\": " + (day % 11) + "}",
                    null));
        }
        String pre = checkIn(patient, "PRE_INFUSION", session, START.plus(5, ChronoUnit.DAYS).minusSeconds(600),
                "{\"pain\": 8, \"sleep\": 3, \"mobility\": 4, \"mood\": 5}", "Walked the dog, twice");

        Response response = export(patient, Map.of("limit", "2", "cursor", "ignored-by-an-export"));
        response.then().statusCode(200)
                .contentType(startsWith("text/csv"))
                .header("Content-Disposition", equalTo("attachment; filename=\"check-ins-" + patient + "-"
                        + DateTimeFormatter.ofPattern("yyyyMMdd").format(Instant.now().atOffset(ZoneOffset.UTC)) + ".csv\""))
                .header("Cache-Control", equalTo("no-store"));
        assertTrue(response.getContentType().contains("header=present"), response.getContentType());
        List<List<String>> rows = rows(response);
        assertEquals(13, rows.size(), "every check-in, not one page");

        // Newest first, as the JSON list: the list's own order, page after page, equals the file's.
        List<String> listed = new ArrayList<>();
        String cursor = null;
        do {
            Response page = given().queryParam("limit", 5).queryParam("cursor", cursor)
                    .get("/api/v1/patients/{p}/check-ins", patient);
            listed.addAll(page.path("items.id"));
            cursor = page.path("nextCursor");
        } while (cursor != null);
        assertEquals(listed, rows.stream().map(r -> r.get(0)).toList());

        // The file has a path of its own; asking the list for CSV is answered by it, byte for byte.
        Response file = given().get("/api/v1/patients/{p}/check-ins.csv", patient);
        file.then().statusCode(200).contentType(startsWith("text/csv"));
        assertEquals(response.asString(), file.asString());

        List<String> preRow = rows.stream().filter(r -> r.get(0).equals(pre)).findFirst().orElseThrow();
        assertEquals(List.of(pre, patient, session, "PRE_INFUSION",
                START.plus(5, ChronoUnit.DAYS).minusSeconds(600).toString(), "8", "3", "4", "5",
                "Walked the dog, twice"), preRow.subList(0, 10));
        Instant createdAt = Instant.parse(preRow.get(10));
        assertTrue(createdAt.isAfter(Instant.now().minus(5, ChronoUnit.MINUTES)), preRow.get(10));
        assertEquals(List.of("1", "final"), preRow.subList(11, 13), "version and status, as in the JSON record");

        List<String> daily = rows.stream().filter(r -> r.get(0).equals(ids.get(3))).findFirst().orElseThrow();
        assertEquals(List.of("", "DAILY", START.plus(3, ChronoUnit.DAYS).toString(), "3", "", "", "", ""),
                daily.subList(2, 10), "absent session, scores and note are empty cells");
    }

    @Test
    void shouldQuoteAndDefuseFreeText() {
        String patient = TestData.enrollPatient();
        String[] notes = { "=HYPERLINK(\"http://evil.example\",\"click\")", "-5 after lunch, then \"better\"",
                "line one\nline two", "+SUM(1,2)", "@cmd", "plain note" };
        for (int i = 0; i < notes.length; i++) {
            checkIn(patient, "DAILY", null, START.plus(i, ChronoUnit.HOURS), "{\"mood\": 5}", notes[i]);
        }
        String body = export(patient, Map.of()).then().statusCode(200).extract().asString();
        assertTrue(body.startsWith(HEADER + "\r\n"), "header row ends in CRLF");
        List<String> exported = new ArrayList<>(Rfc4180.parse(body).subList(1, notes.length + 1).stream()
                .map(r -> r.get(9)).toList());
        java.util.Collections.reverse(exported); // newest first
        assertEquals(List.of("'=HYPERLINK(\"http://evil.example\",\"click\")", "'-5 after lunch, then \"better\"",
                "line one\nline two", "'+SUM(1,2)", "'@cmd", "plain note"), exported);
    }

    @Test
    void shouldHonourTheListFilters() {
        String patient = TestData.enrollPatient();
        String session = TestData.completedSession(patient, START.plus(2, ChronoUnit.DAYS));
        for (int day = 0; day < 6; day++) {
            checkIn(patient, "DAILY", null, START.plus(day, ChronoUnit.DAYS), "{\"pain\": 4}", null);
        }
        checkIn(patient, "POST_INFUSION", session, START.plus(2, ChronoUnit.DAYS).plusSeconds(3600),
                "{\"pain\": 2}", null);

        List<List<String>> window = rows(export(patient, Map.of("from", START.plus(1, ChronoUnit.DAYS).toString(),
                "to", START.plus(3, ChronoUnit.DAYS).toString())));
        assertEquals(4, window.size(), "days 1, 2 (and the post-infusion one), 3: both ends included");
        List<List<String>> post = rows(export(patient, Map.of("context", "POST_INFUSION")));
        assertEquals(1, post.size());
        assertEquals("POST_INFUSION", post.get(0).get(3));
        assertEquals(List.of(), rows(export(TestData.enrollPatient(), Map.of())), "a patient without check-ins");
    }

    @Test
    void shouldKeepJsonForClientsThatDoNotAskForCsv() {
        String patient = TestData.enrollPatient();
        checkIn(patient, "DAILY", null, START, "{\"pain\": 4}", null);
        given().get("/api/v1/patients/{p}/check-ins", patient).then().statusCode(200)
                .contentType(ContentType.JSON).body("items.size()", equalTo(1));
        given().accept("*/*").get("/api/v1/patients/{p}/check-ins", patient).then().statusCode(200)
                .contentType(ContentType.JSON);
        given().accept("application/json, text/csv;q=0.5").get("/api/v1/patients/{p}/check-ins", patient).then()
                .statusCode(200).contentType(ContentType.JSON);
        given().accept("text/csv, application/json;q=0.5").get("/api/v1/patients/{p}/check-ins", patient).then()
                .statusCode(200).contentType(startsWith("text/csv"));
    }

    @Test
    void shouldAnswerErrorsAsProblemDocumentsWhenCsvWasAskedFor() {
        String patient = TestData.enrollPatient();
        export(TestData.unknownId(), Map.of()).then().statusCode(404).contentType("application/problem+json");
        export(patient, Map.of("from", "yesterday")).then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].parameter", equalTo("from"));
        export(patient, Map.of("context", "WEEKLY")).then().statusCode(422)
                .contentType("application/problem+json");
        export(patient, Map.of("from", START.toString(), "to", START.minusSeconds(1).toString())).then()
                .statusCode(422).contentType("application/problem+json");
    }

    @Test
    void shouldLetThePatientExportTheirOwnAndAuditEveryExport() {
        String patient = TestData.enrollPatient();
        checkIn(patient, "DAILY", null, START, "{\"pain\": 4}", null);
        String requestId = "export-" + UUID.randomUUID();
        TestData.as(TestData.patientToken(patient)).accept("text/csv").header("X-Request-Id", requestId)
                .get("/api/v1/patients/{p}/check-ins", patient).then().statusCode(200);
        String refused = "export-refused-" + UUID.randomUUID();
        TestData.as(TestData.token(TestData.createStaff("CLINICIAN"), TestData.PASSWORD)).accept("text/csv")
                .header("X-Request-Id", refused).get("/api/v1/patients/{p}/check-ins", patient).then().statusCode(404);
        String refusedFile = "export-refused-file-" + UUID.randomUUID();
        TestData.as(TestData.token(TestData.createStaff("CLINICIAN"), TestData.PASSWORD))
                .header("X-Request-Id", refusedFile).get("/api/v1/patients/{p}/check-ins.csv", patient).then()
                .statusCode(404);

        List<Map<String, Object>> events = TestData.as(TestData.adminToken()).queryParam("patientId", patient)
                .queryParam("limit", 500).get("/api/v1/audit-events").then().statusCode(200).extract().path("items");
        Map<String, Object> export = events.stream().filter(e -> requestId.equals(e.get("requestId"))).findFirst()
                .orElseThrow(() -> new AssertionError("no audit event: " + events));
        assertEquals(List.of("EXPORT", "CheckIn", "SUCCESS", "PATIENT"), List.of(export.get("action"),
                export.get("resourceType"), export.get("outcome"), export.get("actorRole")));
        Map<String, Object> failed = events.stream().filter(e -> refused.equals(e.get("requestId"))).findFirst()
                .orElseThrow(() -> new AssertionError("no audit event for the refused export: " + events));
        assertEquals(List.of("EXPORT", "CheckIn", "NOT_FOUND"),
                List.of(failed.get("action"), failed.get("resourceType"), failed.get("outcome")));
        Map<String, Object> failedFile = events.stream().filter(e -> refusedFile.equals(e.get("requestId")))
                .findFirst().orElseThrow(() -> new AssertionError("no audit event for the refused download: " + events));
        assertEquals(List.of("EXPORT", "CheckIn", "NOT_FOUND"),
                List.of(failedFile.get("action"), failedFile.get("resourceType"), failedFile.get("outcome")));
    }
}
