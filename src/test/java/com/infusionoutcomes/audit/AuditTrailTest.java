package com.infusionoutcomes.audit;

import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.infusionoutcomes.TestData;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Every read and write of patient data, and every refused attempt, leaves an event an administrator can read. */
@QuarkusTest
class AuditTrailTest {

    @AfterEach
    void signOut() {
        TestData.signOut();
    }

    private static List<Map<String, Object>> eventsFor(String patientId) {
        return TestData.as(TestData.adminToken()).queryParam("patientId", patientId).queryParam("limit", 500)
                .get("/api/v1/audit-events").then().statusCode(200).extract().path("items");
    }

    /** Refusals on the I/O thread are written just after the answer, so allow them a moment. */
    private static Map<String, Object> eventWithRequestId(String patientId, String requestId) {
        long deadline = System.currentTimeMillis() + 5_000;
        while (true) {
            var found = eventsFor(patientId).stream().filter(e -> requestId.equals(e.get("requestId"))).toList();
            if (found.size() > 1) {
                throw new AssertionError("audited twice: " + found);
            }
            if (!found.isEmpty()) {
                return found.get(0);
            }
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("no audit event for request " + requestId);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }

    @Test
    void shouldAuditReadsWithActorRequestIdAndSource() {
        TestData.signInAsClinician();
        String patient = TestData.enrollPatient();
        String requestId = "read-" + UUID.randomUUID();
        TestData.as(TestData.clinicianToken()).header("X-Request-Id", requestId)
                .get("/api/v1/patients/{p}", patient).then().statusCode(200).header("X-Request-Id", requestId);
        Map<String, Object> event = eventWithRequestId(patient, requestId);
        assertEquals("READ", event.get("action"));
        assertEquals("Patient", event.get("resourceType"));
        assertEquals(patient, event.get("resourceId"));
        assertEquals("SUCCESS", event.get("outcome"));
        assertEquals("CLINICIAN", event.get("actorRole"));
        assertTrue(event.get("actorId") != null && event.get("sourceIp") != null && event.get("at") != null, event.toString());
    }

    @Test
    void shouldAuditWritesInTheirTransaction() {
        TestData.signInAsClinician();
        String patient = TestData.enrollPatient();
        String requestId = "write-" + UUID.randomUUID();
        String checkIn = TestData.as(TestData.clinicianToken()).header("X-Request-Id", requestId)
                .contentType(ContentType.JSON)
                .body("{\"context\": \"DAILY\", \"recordedAt\": \"" + Instant.now().minus(1, ChronoUnit.HOURS)
                        + "\", \"scores\": {\"pain\": 4}}")
                .post("/api/v1/patients/{p}/check-ins", patient).then().statusCode(201).extract().path("id");
        Map<String, Object> event = eventWithRequestId(patient, requestId);
        assertEquals("CREATE", event.get("action"));
        assertEquals("CheckIn", event.get("resourceType"));
        assertEquals(checkIn, event.get("resourceId"));
        assertEquals("SUCCESS", event.get("outcome"));
        // The enrollment itself was audited as a CREATE of the patient.
        assertTrue(eventsFor(patient).stream().anyMatch(e -> "CREATE".equals(e.get("action"))
                && "Patient".equals(e.get("resourceType"))));
    }

    @Test
    void shouldAuditRefusedAndUnknownAttempts() {
        TestData.signInAsClinician();
        String patient = TestData.enrollPatient();
        TestData.signOut();

        String anonymous = "anon-" + UUID.randomUUID();
        TestData.anonymous().header("X-Request-Id", anonymous).get("/api/v1/patients/{p}/check-ins", patient)
                .then().statusCode(401);
        Map<String, Object> denied = eventWithRequestId(patient, anonymous);
        assertEquals("DENIED", denied.get("outcome"));
        assertEquals(null, denied.get("actorId"));
        assertEquals("LIST", denied.get("action"));
        assertEquals("CheckIn", denied.get("resourceType"));

        String stranger = TestData.token(TestData.createStaff("CLINICIAN"), TestData.PASSWORD);
        String probe = "probe-" + UUID.randomUUID();
        TestData.as(stranger).header("X-Request-Id", probe).get("/api/v1/patients/{p}", patient)
                .then().statusCode(404);
        Map<String, Object> notFound = eventWithRequestId(patient, probe);
        assertEquals("NOT_FOUND", notFound.get("outcome"));
        assertEquals("CLINICIAN", notFound.get("actorRole"));

        String adminProbe = "admin-" + UUID.randomUUID();
        TestData.as(TestData.adminToken()).header("X-Request-Id", adminProbe)
                .get("/api/v1/patients/{p}/sessions", patient).then().statusCode(403);
        Map<String, Object> forbidden = eventWithRequestId(patient, adminProbe);
        assertEquals("DENIED", forbidden.get("outcome"));
        assertEquals("ADMIN", forbidden.get("actorRole"));
    }

    @Test
    void shouldFilterAndPageTheAuditTrail() {
        TestData.signInAsClinician();
        String patient = TestData.enrollPatient();
        for (int i = 0; i < 3; i++) {
            TestData.as(TestData.clinicianToken()).get("/api/v1/patients/{p}", patient).then().statusCode(200);
        }
        String admin = TestData.adminToken();
        var first = TestData.as(admin).queryParam("patientId", patient).queryParam("limit", 2)
                .get("/api/v1/audit-events");
        first.then().statusCode(200).body("items.patientId", everyItem(equalTo(patient)));
        List<String> ids = first.jsonPath().getList("items.id");
        String cursor = first.path("nextCursor");
        var second = TestData.as(admin).queryParam("patientId", patient).queryParam("limit", 2)
                .queryParam("cursor", cursor).get("/api/v1/audit-events");
        second.then().statusCode(200);
        List<String> more = second.jsonPath().getList("items.id");
        assertTrue(more.stream().noneMatch(ids::contains), "pages overlap");
        assertEquals(4, ids.size() + more.size(), "one CREATE and three READs");
        TestData.as(admin).queryParam("patientId", "nope").get("/api/v1/audit-events").then().statusCode(400);
    }
}
