package com.infusionoutcomes.session;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.infusionoutcomes.TestData;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

@QuarkusTest
class SessionResourceTest {

    @BeforeEach
    void signIn() {
        TestData.signInAsClinician();
    }

    @AfterEach
    void signOut() {
        TestData.signOut();
    }


    private static final String PROBLEM = "application/problem+json";
    private static final Instant START = Instant.now().minus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);

    private static Response post(String patientId, String body) {
        return given().contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/patients/{p}/sessions", patientId);
    }

    @Test
    void shouldRecordCompletedSessionWithVitalsAndSideEffects() {
        String patient = TestData.enrollPatient();
        Response created = post(patient, """
                {"status": "COMPLETED", "startedAt": "%s", "endedAt": "%s",
                 "weightKg": 72.5, "doseMgPerKg": 0.5, "rateMgPerKgPerHour": 0.6,
                 "vitals": [{"at": "%s", "systolic": 132, "diastolic": 84, "heartRate": 78, "spo2": 98},
                            {"at": "%s", "heartRate": 80}],
                 "sideEffects": [{"type": "DISSOCIATION", "severity": "MILD", "note": "floaty"},
                                 {"type": "NAUSEA", "severity": "MODERATE"}],
                 "notes": "Tolerated well"}
                """.formatted(START, START.plus(50, ChronoUnit.MINUTES), START.plus(15, ChronoUnit.MINUTES),
                START.plus(30, ChronoUnit.MINUTES)));
        created.then().statusCode(201)
                .body("patientId", equalTo(patient))
                .body("status", equalTo("COMPLETED"))
                .body("number", equalTo(1))
                .body("startedAt", equalTo(START.toString()))
                .body("weightKg", equalTo(72.5f))
                .body("totalDoseMg", equalTo(36.25f))
                .body("vitals", hasSize(2))
                .body("vitals[0].systolic", equalTo(132))
                .body("vitals[1].systolic", nullValue())
                .body("vitals[1].heartRate", equalTo(80))
                .body("sideEffects.type", contains("DISSOCIATION", "NAUSEA"))
                .body("sideEffects[1].note", nullValue())
                .body("notes", equalTo("Tolerated well"));
        String location = created.header("Location");
        assertTrue(location.endsWith("/api/v1/patients/" + patient + "/sessions/" + created.path("id")), location);
        given().when().get(location).then().statusCode(200)
                .body("id", equalTo((String) created.path("id")))
                .body("vitals[0].at", equalTo(START.plus(15, ChronoUnit.MINUTES).toString()))
                .body("sideEffects[0].severity", equalTo("MILD"));
    }

    @Test
    void shouldKeepTotalDoseTheClinicRecorded() {
        String patient = TestData.enrollPatient();
        post(patient, """
                {"status": "COMPLETED", "startedAt": "%s", "endedAt": "%s", "weightKg": 70, "doseMgPerKg": 0.5,
                 "totalDoseMg": 30}
                """.formatted(START, START.plus(40, ChronoUnit.MINUTES)))
                .then().statusCode(201).body("totalDoseMg", equalTo(30));
    }

    @Test
    void shouldNumberCompletedSessionsByStartAndListThemInOrder() {
        String patient = TestData.enrollPatient();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String second = TestData.completedSession(patient, now.minus(3, ChronoUnit.DAYS));
        String scheduled = post(patient, "{\"status\": \"SCHEDULED\", \"scheduledAt\": \"%s\"}"
                .formatted(now.plus(7, ChronoUnit.DAYS))).then().statusCode(201).body("number", nullValue())
                .extract().path("id");
        String first = TestData.completedSession(patient, now.minus(10, ChronoUnit.DAYS));
        String cancelled = post(patient, "{\"status\": \"CANCELLED\", \"scheduledAt\": \"%s\"}"
                .formatted(now.minus(6, ChronoUnit.DAYS))).then().statusCode(201).extract().path("id");

        given().when().get("/api/v1/patients/{p}/sessions", patient)
                .then().statusCode(200)
                .body("items.id", contains(first, cancelled, second, scheduled))
                .body("items.number", contains(1, null, 2, null))
                .body("nextCursor", nullValue());
        given().when().get("/api/v1/patients/{p}/sessions/{s}", patient, second)
                .then().statusCode(200).body("number", equalTo(2));
    }

    @Test
    void shouldPageSessionsWithCursor() {
        String patient = TestData.enrollPatient();
        List<String> expected = new ArrayList<>();
        for (int day = 12; day >= 2; day -= 2) {
            expected.add(TestData.completedSession(patient, day));
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            var request = given().queryParam("limit", 4);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            Response page = request.when().get("/api/v1/patients/{p}/sessions", patient);
            page.then().statusCode(200);
            seen.addAll(page.path("items.id"));
            cursor = page.path("nextCursor");
        } while (cursor != null);
        assertEquals(expected, seen);
    }

    @Test
    void shouldCompleteScheduledSessionWithMergePatch() {
        String patient = TestData.enrollPatient();
        String id = post(patient, "{\"status\": \"SCHEDULED\", \"scheduledAt\": \"%s\", \"notes\": \"booster\"}"
                .formatted(START)).then().statusCode(201).extract().path("id");
        given().contentType("application/merge-patch+json").header("If-Match", "\"1\"").body("""
                {"status": "COMPLETED", "startedAt": "%s", "endedAt": "%s", "weightKg": 80, "doseMgPerKg": 0.75,
                 "vitals": [{"at": "%s", "systolic": 140, "diastolic": 90}],
                 "sideEffects": [{"type": "HEADACHE", "severity": "MILD"}]}
                """.formatted(START, START.plus(45, ChronoUnit.MINUTES), START.plus(10, ChronoUnit.MINUTES)))
                .when().patch("/api/v1/patients/{p}/sessions/{s}", patient, id)
                .then().statusCode(200)
                .body("status", equalTo("COMPLETED"))
                .body("number", equalTo(1))
                .body("scheduledAt", equalTo(START.toString()))
                .body("totalDoseMg", equalTo(60))
                .body("notes", equalTo("booster"))
                .body("vitals[0].diastolic", equalTo(90))
                .body("sideEffects[0].type", equalTo("HEADACHE"));
        given().when().get("/api/v1/patients/{p}/sessions/{s}", patient, id)
                .then().statusCode(200).body("status", equalTo("COMPLETED")).body("vitals", hasSize(1));
    }

    @Test
    void shouldNotReopenCompletedSession() {
        String patient = TestData.enrollPatient();
        String id = TestData.completedSession(patient, 3);
        given().contentType("application/merge-patch+json").header("If-Match", "*")
                .body("{\"status\": \"SCHEDULED\", \"scheduledAt\": \"%s\", \"endedAt\": null}".formatted(START))
                .when().patch("/api/v1/patients/{p}/sessions/{s}", patient, id)
                .then().statusCode(422).contentType(PROBLEM).body("errors.pointer", hasItem("/status"));
        given().when().get("/api/v1/patients/{p}/sessions/{s}", patient, id)
                .then().statusCode(200).body("status", equalTo("COMPLETED"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            endedAt before startedAt       | "endedAt": "%2$s"                            | /endedAt
            longer than 24 hours           | "endedAt": "%3$s"                            | /endedAt
            weight below 20 kg             | "weightKg": 19.9                             | /weightKg
            weight above 400 kg            | "weightKg": 401                              | /weightKg
            dose of zero                   | "doseMgPerKg": 0                             | /doseMgPerKg
            dose above 10 mg/kg            | "doseMgPerKg": 10.5                          | /doseMgPerKg
            rate of zero                   | "rateMgPerKgPerHour": 0                      | /rateMgPerKgPerHour
            systolic above 300             | "vitals": [{"at": "%1$s", "systolic": 301}]  | /vitals/0/systolic
            diastolic below 20             | "vitals": [{"at": "%1$s", "diastolic": 19}]  | /vitals/0/diastolic
            heart rate above 250           | "vitals": [{"at": "%1$s", "heartRate": 251}] | /vitals/0/heartRate
            spo2 below 50                  | "vitals": [{"at": "%1$s", "spo2": 49}]       | /vitals/0/spo2
            spo2 above 100                 | "vitals": [{"at": "%1$s", "spo2": 101}]      | /vitals/0/spo2
            diastolic not below systolic   | "vitals": [{"at": "%1$s", "systolic": 90, "diastolic": 95}] | /vitals/0/diastolic
            vital without a measurement    | "vitals": [{"at": "%1$s"}]                   | /vitals/0
            vital without a time           | "vitals": [{"heartRate": 70}]                | /vitals/0/at
            unknown side effect            | "sideEffects": [{"type": "ITCHING", "severity": "MILD"}] | /sideEffects/0/type
            unknown severity               | "sideEffects": [{"type": "NAUSEA", "severity": "AWFUL"}] | /sideEffects/0/severity
            unknown property               | "dosage": 1                                  | /dosage
            """)
    void shouldRefuseImplausibleSession(String reason, String override, String pointer) {
        String patient = TestData.enrollPatient();
        String fields = override.formatted(START.plus(5, ChronoUnit.MINUTES), START.minus(1, ChronoUnit.MINUTES),
                START.plus(25, ChronoUnit.HOURS));
        String key = fields.substring(0, fields.indexOf(':'));
        String base = "\"startedAt\": \"" + START + "\", \"endedAt\": \"" + START.plus(50, ChronoUnit.MINUTES) + "\"";
        if (key.contains("endedAt")) {
            base = "\"startedAt\": \"" + START + "\"";
        }
        post(patient, "{\"status\": \"COMPLETED\", " + base + ", " + fields + "}")
                .then().statusCode(422).contentType(PROBLEM)
                .body("type", equalTo("urn:infusion-outcomes:problem:validation-failed"))
                .body("errors.pointer", hasItem(pointer));
        given().when().get("/api/v1/patients/{p}/sessions", patient).then().statusCode(200).body("items", hasSize(0));
    }

    @Test
    void shouldRefuseSessionsMissingTheirTimes() {
        String patient = TestData.enrollPatient();
        post(patient, "{\"status\": \"COMPLETED\"}")
                .then().statusCode(422).body("errors.pointer", contains("/endedAt", "/startedAt"));
        post(patient, "{\"status\": \"SCHEDULED\"}")
                .then().statusCode(422).body("errors.pointer", contains("/scheduledAt"));
        post(patient, "{\"startedAt\": \"%s\"}".formatted(START))
                .then().statusCode(422).body("errors.pointer", contains("/status"));
        post(patient, "{\"status\": \"DONE\"}")
                .then().statusCode(422).body("errors[0].pointer", equalTo("/status"));
    }

    @Test
    void shouldRefuseCompletedSessionEndingInTheFuture() {
        String patient = TestData.enrollPatient();
        Instant start = Instant.now().minus(10, ChronoUnit.MINUTES);
        post(patient, "{\"status\": \"COMPLETED\", \"startedAt\": \"%s\", \"endedAt\": \"%s\"}"
                .formatted(start, start.plus(1, ChronoUnit.HOURS)))
                .then().statusCode(422).body("errors.pointer", contains("/endedAt"));
    }

    @Test
    void shouldNotFindSessionsOfUnknownPatientOrOfAnotherPatient() {
        String patient = TestData.enrollPatient();
        String other = TestData.enrollPatient();
        String session = TestData.completedSession(patient, 1);
        given().when().get("/api/v1/patients/{p}/sessions/{s}", other, session)
                .then().statusCode(404).contentType(PROBLEM).body("detail", notNullValue());
        given().when().get("/api/v1/patients/{p}/sessions/{s}", patient, TestData.unknownId())
                .then().statusCode(404).contentType(PROBLEM);
        given().when().get("/api/v1/patients/{p}/sessions", TestData.unknownId())
                .then().statusCode(404).contentType(PROBLEM);
        post(TestData.unknownId(), "{\"status\": \"SCHEDULED\", \"scheduledAt\": \"%s\"}".formatted(START))
                .then().statusCode(404).contentType(PROBLEM);
        given().contentType("application/merge-patch+json").body("{\"notes\": \"x\"}")
                .when().patch("/api/v1/patients/{p}/sessions/{s}", other, session)
                .then().statusCode(404).contentType(PROBLEM);
    }

    private static Response patchSession(String patient, String session, String ifMatch, String body) {
        io.restassured.specification.RequestSpecification request = given().contentType("application/merge-patch+json");
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return request.body(body).when().patch("/api/v1/patients/{p}/sessions/{s}", patient, session);
    }

    @Test
    void shouldVersionSessionsAndRequireTheCurrentVersionToChangeOne() {
        String patient = TestData.enrollPatient();
        Response created = post(patient, "{\"status\": \"SCHEDULED\", \"scheduledAt\": \"%s\"}".formatted(START));
        created.then().statusCode(201).header("ETag", "\"1\"").body("version", equalTo(1));
        String id = created.path("id");
        given().when().get("/api/v1/patients/{p}/sessions/{s}", patient, id)
                .then().statusCode(200).header("ETag", "\"1\"").body("version", equalTo(1));

        patchSession(patient, id, null, "{\"notes\": \"bring a blanket\"}").then().statusCode(428)
                .contentType(PROBLEM).body("type", equalTo("urn:infusion-outcomes:problem:precondition-required"));
        patchSession(patient, id, "\"1\"", "{\"notes\": \"bring a blanket\"}").then().statusCode(200)
                .header("ETag", "\"2\"").body("version", equalTo(2)).body("notes", equalTo("bring a blanket"));
        patchSession(patient, id, "\"1\"", "{\"notes\": \"stale\"}").then().statusCode(412)
                .contentType(PROBLEM).header("ETag", "\"2\"")
                .body("type", equalTo("urn:infusion-outcomes:problem:precondition-failed"));
        // a change to a list alone is a new version too
        patchSession(patient, id, "\"2\"", "{\"vitals\": [{\"at\": \"%s\", \"heartRate\": 70}]}".formatted(START))
                .then().statusCode(200).header("ETag", "\"3\"");
        // a patch that changes nothing keeps the version
        patchSession(patient, id, "*", "{\"notes\": \"bring a blanket\"}").then().statusCode(200)
                .header("ETag", "\"3\"");
        given().when().get("/api/v1/patients/{p}/sessions", patient)
                .then().statusCode(200).body("items[0].version", equalTo(3)).body("items[0].notes", equalTo("bring a blanket"));
    }

    @Test
    void shouldLetExactlyOneOfConcurrentChangesOfOneSessionVersionWin() throws Exception {
        String patient = TestData.enrollPatient();
        String id = TestData.completedSession(patient, 3);
        String token = TestData.clinicianToken();
        List<Integer> statuses = TestData.concurrently(6, i -> TestData.as(token)
                .contentType("application/merge-patch+json").header("If-Match", "\"1\"")
                .body("{\"notes\": \"note " + i + "\"}")
                .when().patch("/api/v1/patients/{p}/sessions/{s}", patient, id).statusCode());
        assertEquals(1, statuses.stream().filter(s -> s == 200).count(), statuses::toString);
        assertEquals(5, statuses.stream().filter(s -> s == 412).count(), statuses::toString);
        given().when().get("/api/v1/patients/{p}/sessions/{s}", patient, id).then().body("version", equalTo(2));
    }
}
