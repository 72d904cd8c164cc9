package com.infusionoutcomes.checkin;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.infusionoutcomes.TestData;
import com.infusionoutcomes.fhir.PatientExport;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** Corrections are versions: ETag and If-Match, the history of every version, entered-in-error. */
@QuarkusTest
class CheckInCorrectionTest {

    private static final String PROBLEM = "application/problem+json";
    private static final String MERGE_PATCH = "application/merge-patch+json";
    private static final Instant YESTERDAY = Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);

    @BeforeEach
    void signIn() {
        TestData.signInAsClinician();
    }

    @AfterEach
    void signOut() {
        TestData.signOut();
    }

    private static String checkIn(String patient, int pain) {
        return TestData.dailyCheckIn(patient, YESTERDAY, pain);
    }

    private static Response patch(RequestSpecification request, String patient, String checkIn, String ifMatch,
            String body) {
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return request.contentType(MERGE_PATCH).body(body)
                .when().patch("/api/v1/patients/{p}/check-ins/{c}", patient, checkIn);
    }

    private static Response patch(String patient, String checkIn, String ifMatch, String body) {
        return patch(given(), patient, checkIn, ifMatch, body);
    }

    private static JsonPath get(String patient, String checkIn) {
        return given().when().get("/api/v1/patients/{p}/check-ins/{c}", patient, checkIn)
                .then().statusCode(200).extract().jsonPath();
    }

    @Test
    void shouldAnswerVersionOneAndItsETagOnCreateAndRead() {
        String patient = TestData.enrollPatient();
        Response created = given().contentType(ContentType.JSON)
                .body("{\"context\": \"DAILY\", \"recordedAt\": \"%s\", \"scores\": {\"pain\": 4}}".formatted(YESTERDAY))
                .when().post("/api/v1/patients/{p}/check-ins", patient);
        created.then().statusCode(201).header("ETag", "\"1\"").body("version", equalTo(1))
                .body("status", equalTo("final"));
        given().when().get("/api/v1/patients/{p}/check-ins/{c}", patient, created.path("id"))
                .then().statusCode(200).header("ETag", "\"1\"").body("version", equalTo(1));
    }

    @Test
    void shouldLetAPatientCorrectOnlyWhatTheyReported() {
        String patient = TestData.enrollPatient();
        String patientToken = TestData.patientToken(patient);
        String enteredByClinician = checkIn(patient, 6);
        String reportedByPatient = TestData.as(patientToken).contentType(ContentType.JSON)
                .body("{\"context\": \"DAILY\", \"recordedAt\": \"%s\", \"scores\": {\"pain\": 5}}"
                        .formatted(YESTERDAY.plusSeconds(60)))
                .when().post("/api/v1/patients/{p}/check-ins", patient).then().statusCode(201).extract().path("id");

        patch(TestData.as(patientToken), patient, enteredByClinician, "\"1\"", "{\"scores\": {\"pain\": 2}}")
                .then().statusCode(403).contentType(PROBLEM);
        assertEquals(6, get(patient, enteredByClinician).getInt("scores.pain"));
        patch(TestData.as(patientToken), patient, reportedByPatient, "\"1\"", "{\"scores\": {\"pain\": 4}}")
                .then().statusCode(200).body("version", equalTo(2));
        // Still theirs after a clinician amended it; still the clinician's after a clinician amended theirs.
        patch(patient, reportedByPatient, "\"2\"", "{\"note\": \"checked with the patient\"}").then().statusCode(200);
        patch(TestData.as(patientToken), patient, reportedByPatient, "\"3\"", "{\"scores\": {\"pain\": 3}}")
                .then().statusCode(200).body("version", equalTo(4));
        patch(patient, enteredByClinician, "\"1\"", "{\"note\": \"at the chair\"}").then().statusCode(200);
        patch(TestData.as(patientToken), patient, enteredByClinician, "\"2\"", "{\"note\": \"mine\"}")
                .then().statusCode(403);
    }

    @Test
    void shouldRequireIfMatchToCorrectACheckIn() {
        String patient = TestData.enrollPatient();
        String id = checkIn(patient, 4);
        patch(patient, id, null, "{\"scores\": {\"pain\": 5}}").then().statusCode(428).contentType(PROBLEM)
                .body("type", equalTo("urn:infusion-outcomes:problem:precondition-required"));
        assertEquals(4, get(patient, id).getInt("scores.pain"));
        assertEquals(1, get(patient, id).getInt("version"));
    }

    @Test
    void shouldCorrectTheVersionNamedAndRefuseAStaleOne() {
        String patient = TestData.enrollPatient();
        String id = checkIn(patient, 4);
        patch(patient, id, "\"1\"", "{\"scores\": {\"pain\": 5}, \"note\": \"meant five\"}")
                .then().statusCode(200).header("ETag", "\"2\"")
                .body("version", equalTo(2)).body("status", equalTo("amended"))
                .body("scores.pain", equalTo(5)).body("note", equalTo("meant five")).body("context", equalTo("DAILY"));
        // a client that still holds version 1 is told, with the current ETag, instead of overwriting version 2
        patch(patient, id, "\"1\"", "{\"scores\": {\"pain\": 9}}").then().statusCode(412).contentType(PROBLEM)
                .header("ETag", "\"2\"")
                .body("type", equalTo("urn:infusion-outcomes:problem:precondition-failed"));
        assertEquals(5, get(patient, id).getInt("scores.pain"));
        given().when().get("/api/v1/patients/{p}/check-ins/{c}", patient, id).then().header("ETag", "\"2\"");
    }

    @ParameterizedTest(name = "If-Match {0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "*|200",
            "\"7\", \"1\"|200",
            "\"1\"|200",
            "W/\"1\"|412", // If-Match compares strongly: a weak tag never matches
            "\"2\"|412",
            "1|412", // not an entity-tag
    })
    void shouldMatchIfMatchAsRfc9110Says(String ifMatch, int status) {
        String patient = TestData.enrollPatient();
        String id = checkIn(patient, 4);
        patch(patient, id, ifMatch, "{\"scores\": {\"sleep\": 6}}").then().statusCode(status);
        assertEquals(status == 200 ? 2 : 1, get(patient, id).getInt("version"));
    }

    @Test
    void shouldAnswerNotFoundBeforeAnyPrecondition() {
        String patient = TestData.enrollPatient();
        String other = TestData.enrollPatient();
        String id = checkIn(other, 4);
        patch(patient, id, null, "{\"scores\": {\"pain\": 5}}").then().statusCode(404).contentType(PROBLEM);
        patch(patient, TestData.unknownId(), "*", "{\"scores\": {\"pain\": 5}}").then().statusCode(404);
        TestData.as(TestData.patientToken(patient)).contentType(MERGE_PATCH).header("If-Match", "*")
                .body("{\"scores\": {\"pain\": 5}}")
                .when().patch("/api/v1/patients/{p}/check-ins/{c}", other, id).then().statusCode(404);
    }

    @Test
    void shouldKeepEveryVersionWithWhoChangedItAndWhen() {
        String patient = TestData.enrollPatient();
        String patientToken = TestData.patientToken(patient);
        String patientUser = userId(patientToken);
        String clinicianUser = userId(TestData.clinicianToken());
        Instant before = Instant.now().truncatedTo(ChronoUnit.MICROS);
        String id = TestData.as(patientToken).contentType(ContentType.JSON)
                .body("{\"context\": \"DAILY\", \"recordedAt\": \"%s\", \"scores\": {\"pain\": 7, \"mood\": 3}}"
                        .formatted(YESTERDAY))
                .when().post("/api/v1/patients/{p}/check-ins", patient).then().statusCode(201).extract().path("id");
        patch(patient, id, "\"1\"", "{\"scores\": {\"pain\": 6, \"mood\": null}, \"note\": \"typo\"}")
                .then().statusCode(200);
        patch(TestData.as(patientToken), patient, id, "\"2\"", "{\"status\": \"entered-in-error\"}")
                .then().statusCode(200).body("status", equalTo("entered-in-error")).body("version", equalTo(3));

        JsonPath history = given().when().get("/api/v1/patients/{p}/check-ins/{c}/history", patient, id)
                .then().statusCode(200).body("checkInId", equalTo(id)).body("patientId", equalTo(patient))
                .body("versions", hasSize(3)).extract().jsonPath();
        assertEquals(List.of(1, 2, 3), history.getList("versions.version"));
        assertEquals(List.of("final", "amended", "entered-in-error"), history.getList("versions.status"));
        assertEquals(List.of(patientUser, clinicianUser, patientUser), history.getList("versions.changedBy"));
        assertEquals(List.of("PATIENT", "CLINICIAN", "PATIENT"), history.getList("versions.changedByRole"));
        assertEquals(7, history.getInt("versions[0].scores.pain"));
        assertEquals(3, history.getInt("versions[0].scores.mood"));
        assertEquals(6, history.getInt("versions[1].scores.pain"));
        assertEquals(null, history.getString("versions[1].scores.mood"));
        assertEquals("typo", history.getString("versions[2].note"));
        List<Instant> times = history.getList("versions.changedAt", String.class).stream().map(Instant::parse).toList();
        assertFalse(times.get(0).isBefore(before));
        assertTrue(!times.get(1).isBefore(times.get(0)) && !times.get(2).isBefore(times.get(1)), times::toString);
        assertFalse(times.get(2).isAfter(Instant.now()));
    }

    @Test
    void shouldExcludeEnteredInErrorFromTrendsAndPanelButKeepItReadable() {
        // a clinician of their own, so the panel holds this one patient; every request names its token
        String clinician = TestData.token(TestData.createStaff("CLINICIAN"), TestData.PASSWORD);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String patient = TestData.as(clinician).contentType(ContentType.JSON)
                .body("{\"displayName\": \"Withdrawn Report\", \"enrolledAt\": \"%s\"}"
                        .formatted(now.minus(4, ChronoUnit.DAYS)))
                .when().post("/api/v1/patients").then().statusCode(201).extract().path("id");
        List<String> ids = List.of(8, 6, 0).stream().map(pain -> TestData.as(clinician).contentType(ContentType.JSON)
                .body("{\"context\": \"DAILY\", \"recordedAt\": \"%s\", \"scores\": {\"pain\": %d}}"
                        .formatted(now.minus(pain == 8 ? 3 : pain == 6 ? 2 : 1, ChronoUnit.DAYS), pain))
                .when().post("/api/v1/patients/{p}/check-ins", patient).then().statusCode(201)
                .extract().<String>path("id")).toList();
        String wrong = ids.get(2);

        patch(TestData.as(clinician), patient, wrong, "\"1\"", "{\"status\": \"entered-in-error\"}")
                .then().statusCode(200).header("ETag", "\"2\"").body("status", equalTo("entered-in-error"))
                .body("scores.pain", equalTo(0));

        JsonPath trend = TestData.as(clinician).when().get("/api/v1/patients/{p}/trends/pain", patient)
                .then().statusCode(200).extract().jsonPath();
        assertEquals(now.minus(2, ChronoUnit.DAYS).toString(), trend.getString("latest.recordedAt"));
        assertEquals(6, trend.getInt("latest.value"));
        assertEquals(7, trend.getInt("current.value")); // (8 + 6) / 2, without the 0
        assertEquals(2, trend.getInt("current.n"));
        assertEquals(2, trend.getInt("adherence.reportedDays")); // the withdrawn day is not a reported day
        JsonPath panel = TestData.as(clinician).when().get("/api/v1/reports/panel").then().statusCode(200)
                .extract().jsonPath();
        assertEquals(List.of(patient), panel.getList("items.patientId"));
        assertEquals(trend.getInt("current.value"), panel.getInt("items[0].current"));
        assertEquals(trend.getInt("baseline.value"), panel.getInt("items[0].baseline"));
        assertEquals(trend.getString("category"), panel.getString("items[0].category"));
        assertEquals(now.minus(2, ChronoUnit.DAYS).toString(), panel.getString("items[0].lastCheckInAt"));

        // nothing is lost: it is read, listed and in its history, marked
        TestData.as(clinician).when().get("/api/v1/patients/{p}/check-ins/{c}", patient, wrong).then()
                .statusCode(200).body("status", equalTo("entered-in-error"));
        TestData.as(clinician).when().get("/api/v1/patients/{p}/check-ins", patient).then().statusCode(200)
                .body("items", hasSize(3)).body("items[0].status", equalTo("entered-in-error"));
        TestData.as(clinician).when().get("/api/v1/patients/{p}/check-ins/{c}/history", patient, wrong).then()
                .statusCode(200).body("versions.status", equalTo(List.of("final", "entered-in-error")));
        // the FHIR export carries it with FHIR's own status
        String painObservation = PatientExport.derivedId(UUID.fromString(wrong), "pain").toString();
        assertEquals(List.of("entered-in-error"), TestData.as(clinician).accept("application/fhir+json")
                .get("/api/v1/patients/{p}/fhir", patient).then().statusCode(200).extract().jsonPath()
                .getList("entry.resource.findAll { it.id == '" + painObservation + "' }.status"));
        // and it cannot come back or change any more
        patch(TestData.as(clinician), patient, wrong, "\"2\"", "{\"scores\": {\"pain\": 1}}")
                .then().statusCode(409).contentType(PROBLEM);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "status set by the service|{\"status\": \"amended\"}|/status",
            "unknown status|{\"status\": \"deleted\"}|/status",
            "withdrawn and changed at once|{\"status\": \"entered-in-error\", \"scores\": {\"pain\": 1}}|/status",
            "every score removed|{\"scores\": {\"pain\": null}}|/scores",
            "future time|{\"recordedAt\": \"2999-01-01T00:00:00Z\"}|/recordedAt",
            "score out of range|{\"scores\": {\"pain\": 11}}|/scores/pain",
            "session required|{\"context\": \"PRE_INFUSION\"}|/sessionId",
            "unknown property|{\"pian\": 3}|/pian",
    })
    void shouldRefuseACorrectionACreateWouldRefuse(String reason, String body, String pointer) {
        String patient = TestData.enrollPatient();
        String id = checkIn(patient, 4);
        patch(patient, id, "*", body).then().statusCode(422).contentType(PROBLEM)
                .body("errors.pointer", equalTo(List.of(pointer)));
        JsonPath stored = get(patient, id);
        assertEquals(1, stored.getInt("version"));
        assertEquals("final", stored.getString("status"));
        assertEquals(4, stored.getInt("scores.pain"));
    }

    @Test
    void shouldNotAddAVersionForACorrectionThatChangesNothing() {
        String patient = TestData.enrollPatient();
        String id = checkIn(patient, 4);
        patch(patient, id, "\"1\"", "{\"scores\": {\"pain\": 4}, \"status\": \"final\"}")
                .then().statusCode(200).header("ETag", "\"1\"").body("status", equalTo("final"));
        given().when().get("/api/v1/patients/{p}/check-ins/{c}/history", patient, id).then().statusCode(200)
                .body("versions", hasSize(1)).body("versions[0].version", equalTo(1));
    }

    @Test
    void shouldStillReplayTheOriginalReportAfterACorrection() {
        String patient = TestData.enrollPatient();
        String id = UUID.randomUUID().toString();
        String report = "{\"id\": \"%s\", \"context\": \"DAILY\", \"recordedAt\": \"%s\", \"scores\": {\"pain\": 4}}"
                .formatted(id, YESTERDAY);
        given().contentType(ContentType.JSON).body(report).post("/api/v1/patients/{p}/check-ins", patient)
                .then().statusCode(201);
        patch(patient, id, "\"1\"", "{\"scores\": {\"pain\": 3}}").then().statusCode(200);
        // the phone never saw its first answer and sends the report again: the same report, not a conflict
        given().contentType(ContentType.JSON).body(report).post("/api/v1/patients/{p}/check-ins", patient)
                .then().statusCode(200).body("version", equalTo(2)).body("scores.pain", equalTo(3));
    }

    @Test
    void shouldLetExactlyOneOfConcurrentCorrectionsOfOneVersionWin() throws Exception {
        String patient = TestData.enrollPatient();
        String id = checkIn(patient, 4);
        String token = TestData.clinicianToken();
        List<Integer> statuses = TestData.concurrently(8, i -> patch(TestData.as(token), patient, id, "\"1\"",
                "{\"scores\": {\"pain\": " + (i < 4 ? i : i + 1) + "}}").statusCode()); // never 4, the value read
        Map<Integer, Long> counts = statuses.stream().collect(Collectors.groupingBy(s -> s, Collectors.counting()));
        assertEquals(Map.of(200, 1L, 412, 7L), counts);
        given().when().get("/api/v1/patients/{p}/check-ins/{c}/history", patient, id).then().statusCode(200)
                .body("versions", hasSize(2)).body("versions[1].version", equalTo(2));
    }

    @Test
    void shouldNotDeleteACheckIn() {
        String patient = TestData.enrollPatient();
        String id = checkIn(patient, 4);
        // there is no DELETE: a check-in that should not count is declared entered-in-error instead
        given().when().delete("/api/v1/patients/{p}/check-ins/{c}", patient, id).then()
                .statusCode(anyOf(equalTo(404), equalTo(405))).contentType(PROBLEM);
        given().when().get("/api/v1/patients/{p}/check-ins/{c}", patient, id).then().statusCode(200)
                .body("note", nullValue());
    }

    private static String userId(String token) {
        String payload = new String(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1]));
        return payload.replaceAll(".*\"sub\":\"([^\"]+)\".*", "$1");
    }
}
