package com.infusionoutcomes.report;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.infusionoutcomes.Rfc4180;
import com.infusionoutcomes.TestData;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** The whole panel as one CSV file: the JSON rows of every page, in the same order, and an EXPORT audit event. */
@QuarkusTest
class PanelExportTest {

    private static final String PANEL = "/api/v1/reports/panel";
    private static final List<String> HEADER = List.of("domain", "patientId", "displayName", "completedSessions",
            "lastCheckInAt", "baseline", "current", "improvementPercent", "category", "lastDurabilityDays",
            "openAlerts", "boosterStatus", "boosterDueOn", "boosterCovered");

    @AfterEach
    void signOut() {
        TestData.signOut();
    }

    private static String cell(Object value) {
        return value == null ? "" : value.toString();
    }

    @Test
    void shouldExportEveryPageOfThePanelInItsOrder() {
        String token = TestData.token(TestData.createStaff("CLINICIAN"), TestData.PASSWORD);
        TestData.signIn(token);
        Instant start = Instant.now().minus(12, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        String[] names = { "=cmd|' /C calc'!A0", "Beth Lane", "-Minus Sign", "Dana, Q.", "Eli \"E\" Park" };
        for (int i = 0; i < names.length; i++) {
            String patient = TestData.enrollPatient("{\"displayName\": \"" + names[i].replace("\"", "\\\"") + "\"}");
            for (int day = 0; day < 10; day += 3) {
                given().contentType(ContentType.JSON).body("""
                        {"context": "DAILY", "recordedAt": "%s", "scores": {"sleep": %d}}
                        """.formatted(start.plus(day, ChronoUnit.DAYS), Math.max(0, 2 + i + (day - 3) * (i - 2) / 3)))
                        .post("/api/v1/patients/{p}/check-ins", patient).then().statusCode(201);
            }
        }
        TestData.enrollPatient("{\"displayName\": \"Never Reported\"}");

        List<Map<String, Object>> json = new ArrayList<>();
        String cursor = null;
        do {
            Response page = given().queryParam("domain", "sleep").queryParam("sort", "category")
                    .queryParam("limit", 2).queryParam("cursor", cursor).get(PANEL);
            page.then().statusCode(200).contentType(ContentType.JSON);
            json.addAll(page.path("items"));
            cursor = page.path("nextCursor");
        } while (cursor != null);

        String requestId = "panel-export-" + UUID.randomUUID();
        Response export = given().accept("text/csv").header("X-Request-Id", requestId)
                .queryParam("domain", "sleep").queryParam("sort", "category").queryParam("limit", 2).get(PANEL);
        export.then().statusCode(200).contentType(startsWith("text/csv"))
                .header("Content-Disposition", startsWith("attachment; filename=\"panel-sleep-"));
        List<List<String>> records = Rfc4180.parse(export.asString());
        assertEquals(HEADER, records.get(0));
        List<List<String>> expected = json.stream().map(row -> {
            String name = (String) row.get("displayName");
            return List.of("sleep", cell(row.get("patientId")),
                    "=+-@".indexOf(name.charAt(0)) >= 0 ? "'" + name : name,
                    cell(row.get("completedSessions")), cell(row.get("lastCheckInAt")), cell(row.get("baseline")),
                    cell(row.get("current")), cell(row.get("improvementPercent")), cell(row.get("category")),
                    cell(row.get("lastDurabilityDays")), cell(row.get("openAlerts")), cell(row.get("boosterStatus")),
                    cell(row.get("boosterDueOn")), cell(row.get("boosterCovered")));
        }).toList();
        assertEquals(6, expected.size());
        assertEquals(expected, records.subList(1, records.size()), "every page's rows, in order, as JSON shows them");
        // The file has a path of its own; asking the panel for CSV is answered by it, byte for byte.
        assertEquals(export.asString(), given().queryParam("domain", "sleep").queryParam("sort", "category")
                .get(PANEL + ".csv").then().statusCode(200).contentType(startsWith("text/csv")).extract().asString());

        List<Map<String, Object>> events = TestData.as(TestData.adminToken()).queryParam("limit", 500)
                .queryParam("from", Instant.now().minus(5, ChronoUnit.MINUTES).toString())
                .get("/api/v1/audit-events").then().statusCode(200).extract().path("items");
        Map<String, Object> event = events.stream().filter(e -> requestId.equals(e.get("requestId"))).findFirst()
                .orElseThrow(() -> new AssertionError("no audit event"));
        assertEquals(List.of("EXPORT", "Report", "SUCCESS"),
                List.of(event.get("action"), event.get("resourceType"), event.get("outcome")));
    }

    @Test
    void shouldRefuseTheExportToWhomeverHasNoPanel() {
        TestData.as(TestData.adminToken()).accept("text/csv").get(PANEL).then().statusCode(403)
                .contentType("application/problem+json");
        TestData.anonymous().accept("text/csv").get(PANEL).then().statusCode(401)
                .contentType("application/problem+json");
        TestData.as(TestData.clinicianToken()).accept("text/csv").queryParam("domain", "pian").get(PANEL).then()
                .statusCode(422).contentType("application/problem+json");
    }
}
