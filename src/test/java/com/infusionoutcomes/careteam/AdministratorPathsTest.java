package com.infusionoutcomes.careteam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.infusionoutcomes.TestData;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * Separation of duties: an administrator manages accounts and care teams but reaches no clinical data by any
 * path, directly or through an account they create, an enrollment code, or a care team they change.
 */
@QuarkusTest
class AdministratorPathsTest {

    @AfterEach
    void signOut() {
        TestData.signOut();
    }

    @Test
    void shouldGiveAnAdministratorNoPathToAPatientsCheckIns() {
        String clinician = TestData.signInAsNewClinician();
        String patient = TestData.enrollPatient();
        String secret = "pain flare after the dentist " + UUID.randomUUID();
        given(clinician).body("{\"context\": \"DAILY\", \"recordedAt\": \"" + Instant.now().minus(1, ChronoUnit.HOURS)
                + "\", \"scores\": {\"pain\": 7}, \"note\": \"" + secret + "\"}")
                .post("/api/v1/patients/{p}/check-ins", patient).then().statusCode(201);
        String admin = TestData.adminToken();
        String adminId = TestData.userId(admin);
        List<Response> answers = new ArrayList<>();

        // Directly, in every representation.
        for (String path : List.of("/check-ins", "/sessions", "/trends", "/trends/pain", "/fhir", "/report",
                "/questionnaire-responses", "/alerts")) {
            answers.add(refused(TestData.as(admin).get("/api/v1/patients/" + patient + path), 403));
        }
        answers.add(refused(TestData.as(admin).accept("text/csv").get("/api/v1/patients/{p}/check-ins", patient),
                403));
        answers.add(refused(TestData.as(admin).get("/api/v1/reports/panel"), 403));
        answers.add(refused(TestData.as(admin).get("/api/v1/alerts"), 403));

        // Through an enrollment code: none is issued, so there is nothing to redeem as the patient.
        answers.add(refused(TestData.as(admin).post("/api/v1/patients/{p}/enrollment-code", patient), 403));

        // Through an account of their own making, or their own, put on the care team.
        String madeUp = TestData.createStaff("CLINICIAN");
        String madeUpToken = TestData.token(madeUp, TestData.PASSWORD);
        for (String member : List.of(TestData.userId(madeUpToken), adminId)) {
            answers.add(refused(given(admin).body("{\"userId\": \"" + member + "\"}")
                    .post("/api/v1/patients/{p}/care-team", patient), 403));
        }
        answers.add(refused(TestData.as(madeUpToken).get("/api/v1/patients/{p}/check-ins", patient), 404));
        // A PATIENT account only comes from an enrollment code.
        answers.add(refused(given(admin).body(Map.of("username", "fake-" + UUID.randomUUID().toString().substring(0, 8),
                "password", TestData.PASSWORD, "role", "PATIENT", "displayName", "Fake")).post("/api/v1/users"), 422));

        // By emptying the team first, to fill it again: its last clinician stays.
        answers.add(refused(TestData.as(admin).delete("/api/v1/patients/{p}/care-team/{u}", patient,
                TestData.userId(clinician)), 409));
        assertTrue(TestData.as(clinician).get("/api/v1/patients/{p}/care-team", patient).then().statusCode(200)
                .extract().jsonPath().getList("userId").contains(TestData.userId(clinician)));

        // What an administrator may read says nothing clinical.
        answers.add(TestData.as(admin).get("/api/v1/patients/{p}", patient));
        answers.add(TestData.as(admin).get("/api/v1/patients/{p}/care-team", patient));
        answers.add(TestData.as(admin).queryParam("patientId", patient).get("/api/v1/audit-events"));
        answers.add(TestData.as(admin).queryParam("limit", 200).get("/api/v1/users"));
        for (Response answer : answers) {
            assertFalse(answer.asString().contains(secret), answer.asString());
            assertFalse(answer.asString().contains("\"scores\""), answer.asString());
        }
    }

    @Test
    void shouldLetAClinicianOfTheTeamAddTheColleagueAnAdministratorCreated() {
        String clinician = TestData.signInAsNewClinician();
        String patient = TestData.enrollPatient();
        String colleague = TestData.token(TestData.createStaff("CLINICIAN"), TestData.PASSWORD);
        given(clinician).body("{\"userId\": \"" + TestData.userId(colleague) + "\"}")
                .post("/api/v1/patients/{p}/care-team", patient).then().statusCode(201);
        TestData.as(colleague).get("/api/v1/patients/{p}/check-ins", patient).then().statusCode(200);
        // With two clinicians on the team, an administrator may take one off; not the last.
        TestData.as(TestData.adminToken()).delete("/api/v1/patients/{p}/care-team/{u}", patient, TestData.userId(colleague))
                .then().statusCode(204);
        TestData.as(colleague).get("/api/v1/patients/{p}/check-ins", patient).then().statusCode(404);
        TestData.as(clinician).delete("/api/v1/patients/{p}/care-team/{u}", patient, TestData.userId(clinician))
                .then().statusCode(409).contentType("application/problem+json");
    }

    @Test
    void shouldAuditEveryChangeAnAdministratorMakes() {
        String admin = TestData.adminToken();
        String adminId = TestData.userId(admin);
        String requestId = "create-user-" + UUID.randomUUID();
        String created = given(admin).header("X-Request-Id", requestId)
                .body(Map.of("username", "audited-" + UUID.randomUUID().toString().substring(0, 8), "password",
                        TestData.PASSWORD, "role", "CLINICIAN", "displayName", "Audited"))
                .post("/api/v1/users").then().statusCode(201).extract().path("id");
        Map<String, Object> event = byRequest(actorEvents(adminId), requestId);
        assertEquals("CREATE", event.get("action"));
        assertEquals("User", event.get("resourceType"));
        assertEquals(created, event.get("resourceId"));
        assertEquals("ADMIN", event.get("actorRole"));

        String clinician = TestData.signInAsNewClinician();
        String patient = TestData.enrollPatient();
        given(clinician).body("{\"userId\": \"" + created + "\"}").post("/api/v1/patients/{p}/care-team", patient)
                .then().statusCode(201);
        String removal = "remove-member-" + UUID.randomUUID();
        TestData.as(admin).header("X-Request-Id", removal)
                .delete("/api/v1/patients/{p}/care-team/{u}", patient, created).then().statusCode(204);
        Map<String, Object> removed = byRequest(actorEvents(adminId), removal);
        assertEquals("DELETE", removed.get("action"));
        assertEquals("CareTeam", removed.get("resourceType"));
        assertEquals(patient, removed.get("patientId"));
        assertEquals(created, removed.get("resourceId"));
    }

    private static List<Map<String, Object>> actorEvents(String actorId) {
        return TestData.as(TestData.adminToken()).queryParam("actorId", actorId).queryParam("limit", 200)
                .get("/api/v1/audit-events").then().statusCode(200).extract().path("items");
    }

    private static Map<String, Object> byRequest(List<Map<String, Object>> events, String requestId) {
        List<Map<String, Object>> found = events.stream().filter(e -> requestId.equals(e.get("requestId"))).toList();
        assertEquals(1, found.size(), events.toString());
        return found.get(0);
    }

    private static Response refused(Response response, int status) {
        assertEquals(status, response.statusCode(), response.asString());
        assertEquals("application/problem+json", response.contentType());
        return response;
    }

    private static io.restassured.specification.RequestSpecification given(String token) {
        return TestData.as(token).contentType(ContentType.JSON);
    }
}
