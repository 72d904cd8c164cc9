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

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.infusionoutcomes.TestData;
import com.infusionoutcomes.auth.SigningKeys;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Every read and write of patient data, and every refused attempt, leaves an event an administrator can read. */
@QuarkusTest
class AuditTrailTest {

    @Inject
    SigningKeys keys;

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
    void shouldNameEveryPatientAListPanelOrExportShowed() {
        String clinician = TestData.signInAsNewClinician();
        String rosa = TestData.enrollPatient("{\"displayName\": \"Rosa Listed\"}");
        String tom = TestData.enrollPatient("{\"displayName\": \"Tom Listed\"}");
        TestData.dailyCheckIn(rosa, Instant.now().minus(1, ChronoUnit.DAYS), 6);
        String list = "list-" + UUID.randomUUID();
        String panel = "panel-" + UUID.randomUUID();
        String export = "export-" + UUID.randomUUID();
        String alerts = "alerts-" + UUID.randomUUID();
        TestData.as(clinician).header("X-Request-Id", list).get("/api/v1/patients").then().statusCode(200);
        TestData.as(clinician).header("X-Request-Id", panel).get("/api/v1/reports/panel").then().statusCode(200);
        TestData.as(clinician).header("X-Request-Id", export).accept("text/csv").get("/api/v1/reports/panel")
                .then().statusCode(200);
        // Item 9 of the PHQ-9 above 0 raises an alert for Rosa alone.
        TestData.as(clinician).contentType(ContentType.JSON).body("{\"instrument\": \"phq9\", \"answers\":"
                + " [0, 0, 0, 0, 0, 0, 0, 0, 1], \"recordedAt\": \"" + Instant.now() + "\"}")
                .post("/api/v1/patients/{p}/questionnaire-responses", rosa).then().statusCode(201);
        TestData.as(clinician).header("X-Request-Id", alerts).get("/api/v1/alerts").then().statusCode(200);
        for (String[] read : new String[][] { { list, "LIST", "Patient" }, { panel, "LIST", "Report" },
                { export, "EXPORT", "Report" } }) {
            for (String patient : List.of(rosa, tom)) {
                Map<String, Object> event = eventWithRequestId(patient, read[0]);
                assertEquals(read[1], event.get("action"));
                assertEquals(read[2], event.get("resourceType"));
                assertEquals(null, event.get("patientId"));
                assertEquals(List.of(rosa, tom).stream().sorted().toList(), event.get("patientIds"));
            }
        }
        assertEquals(List.of(rosa), eventWithRequestId(rosa, alerts).get("patientIds"));
        assertTrue(eventsFor(tom).stream().noneMatch(e -> alerts.equals(e.get("requestId"))), "Tom has no alert");
    }

    @Test
    void shouldAuditReadsOfAccountsAndOfTheTrailItself() {
        TestData.signInAsClinician();
        String patient = TestData.enrollPatient();
        String patientToken = TestData.patientToken(patient);
        String admin = TestData.adminToken();
        String accountId = TestData.userId(patientToken);
        String readAccount = "account-" + UUID.randomUUID();
        TestData.as(admin).header("X-Request-Id", readAccount).get("/api/v1/users/{u}", accountId)
                .then().statusCode(200);
        Map<String, Object> read = eventWithRequestId(patient, readAccount);
        assertEquals("READ", read.get("action"));
        assertEquals("User", read.get("resourceType"));
        assertEquals(accountId, read.get("resourceId"));
        String trail = "trail-" + UUID.randomUUID();
        TestData.as(admin).header("X-Request-Id", trail).queryParam("patientId", patient)
                .get("/api/v1/audit-events").then().statusCode(200);
        Map<String, Object> trailRead = eventWithRequestId(patient, trail);
        assertEquals("LIST", trailRead.get("action"));
        assertEquals("AuditEvent", trailRead.get("resourceType"));
        assertEquals("ADMIN", trailRead.get("actorRole"));
        String users = "users-" + UUID.randomUUID();
        TestData.as(admin).header("X-Request-Id", users).queryParam("limit", 200).get("/api/v1/users")
                .then().statusCode(200);
        List<Map<String, Object>> mine = TestData.as(admin).queryParam("actorId", TestData.userId(admin))
                .queryParam("limit", 50).get("/api/v1/audit-events").then().statusCode(200).extract().path("items");
        assertTrue(mine.stream().anyMatch(e -> users.equals(e.get("requestId")) && "LIST".equals(e.get("action"))
                && "User".equals(e.get("resourceType"))), mine.toString());
    }

    @Test
    void shouldKeepTheActorOfARequestRefusedBeforeOrByAuthentication() {
        TestData.signInAsClinician();
        String patient = TestData.enrollPatient();
        String clinicianId = TestData.userId(TestData.clinicianToken());

        String unknownPath = "unrouted-" + UUID.randomUUID();
        TestData.as(TestData.clinicianToken()).header("X-Request-Id", unknownPath)
                .get("/api/v1/patients/{p}/no-such-thing", patient).then().statusCode(404);
        Map<String, Object> unrouted = eventWithRequestId(patient, unknownPath);
        assertEquals("NOT_FOUND", unrouted.get("outcome"));
        assertEquals(clinicianId, unrouted.get("actorId"));
        assertEquals("CLINICIAN", unrouted.get("actorRole"));

        String expired = TestData.signedToken(keys.privateKey(), clinicianId, "CLINICIAN",
                Instant.now().minus(5, ChronoUnit.MINUTES));
        String late = "expired-" + UUID.randomUUID();
        TestData.as(expired).header("X-Request-Id", late).get("/api/v1/patients/{p}/check-ins", patient)
                .then().statusCode(401);
        Map<String, Object> refused = eventWithRequestId(patient, late);
        assertEquals("DENIED", refused.get("outcome"));
        assertEquals(clinicianId, refused.get("actorId"));

        // A token signed with another key names no one, whatever it claims.
        String forgedToken = TestData.signedToken(otherKey(), clinicianId, "CLINICIAN",
                Instant.now().plus(5, ChronoUnit.MINUTES));
        String forged = "forged-" + UUID.randomUUID();
        TestData.as(forgedToken).header("X-Request-Id", forged).get("/api/v1/patients/{p}/check-ins", patient)
                .then().statusCode(401);
        assertEquals(null, eventWithRequestId(patient, forged).get("actorId"));
    }

    private static java.security.PrivateKey otherKey() {
        try {
            java.security.KeyPairGenerator rsa = java.security.KeyPairGenerator.getInstance("RSA");
            rsa.initialize(2048);
            return rsa.generateKeyPair().getPrivate();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
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
