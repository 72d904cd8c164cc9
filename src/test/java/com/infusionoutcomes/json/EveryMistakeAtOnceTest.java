package com.infusionoutcomes.json;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.infusionoutcomes.TestData;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/**
 * A client (a phone form) hears of every mistake of a request in one answer, each at its JSON pointer, whichever
 * check found it: the JSON type, the enum, an unknown property, Bean Validation's ranges and lengths, the
 * body's own rules.
 */
@QuarkusTest
class EveryMistakeAtOnceTest {

    private static final String PROBLEM = "application/problem+json";
    private static final String VALIDATION_FAILED = "urn:infusion-outcomes:problem:validation-failed";
    private static final String MALFORMED = "urn:infusion-outcomes:problem:malformed-request";

    private String patientId;

    @BeforeEach
    void signIn() {
        TestData.signInAsClinician();
        patientId = TestData.enrollPatient();
    }

    @AfterEach
    void signOut() {
        TestData.signOut();
    }

    private static String future() {
        return Instant.now().plus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toString();
    }

    @Test
    void shouldAnswerACheckInWithFourMistakesWithAllFour() {
        given().contentType(ContentType.JSON)
                .body("{\"context\": \"DAYLY\", \"recordedAt\": \"" + future() + "\","
                        + " \"scores\": {\"pain\": 7.5, \"mood\": 11, \"sleep\": 4}}")
                .when().post("/api/v1/patients/{id}/check-ins", patientId)
                .then().statusCode(422).contentType(PROBLEM)
                .body("type", equalTo(VALIDATION_FAILED))
                .body("errors.pointer", containsInAnyOrder("/context", "/recordedAt", "/scores/mood", "/scores/pain"))
                .body("errors.find { it.pointer == '/context' }.detail", containsString("DAILY"))
                .body("errors.find { it.pointer == '/scores/pain' }.detail", equalTo("must be an integer"))
                .body("errors.find { it.pointer == '/scores/mood' }.detail", containsString("10"))
                .body("errors.find { it.pointer == '/recordedAt' }.detail", containsString("future"));
        // Nothing of it was stored.
        given().when().get("/api/v1/patients/{id}/check-ins", patientId)
                .then().statusCode(200).body("items", hasSize(0));
    }

    @Test
    void shouldListAWrongJsonTypeWithTheOtherMistakesAsMalformed() {
        given().contentType(ContentType.JSON)
                .body("{\"context\": \"DAILY\", \"recordedAt\": \"2026-03-01T08:30:00\", \"scores\": {\"pain\": \"7\"},"
                        + " \"note\": \"" + "x".repeat(2001) + "\", \"mod\": 3}")
                .when().post("/api/v1/patients/{id}/check-ins", patientId)
                .then().statusCode(400).contentType(PROBLEM)
                .body("type", equalTo(MALFORMED))
                .body("errors.pointer", containsInAnyOrder("/mod", "/note", "/recordedAt", "/scores/pain"))
                .body("errors.find { it.pointer == '/scores/pain' }.detail", containsString("wrong JSON type"))
                .body("errors.find { it.pointer == '/recordedAt' }.detail", containsString("offset"))
                .body("errors.find { it.pointer == '/mod' }.detail", containsString("unknown property"))
                .body("errors.find { it.pointer == '/note' }.detail", containsString("2000"));
    }

    @Test
    void shouldListEveryMistakeOfASession() {
        given().contentType(ContentType.JSON)
                .body("{\"status\": \"COMPLETED\", \"startedAt\": \"" + future() + "\", \"endedAt\": \"yesterday\","
                        + " \"weightKg\": 500, \"doseMgPerKg\": 0.5, \"vitals\": [{\"at\": \"" + future() + "\","
                        + " \"systolic\": 120, \"diastolic\": 130}, {\"heartRate\": -4}], \"sideEffects\": [{\"type\": \"NAUSEOUS\","
                        + " \"severity\": \"MILD\"}], \"dose\": 1}")
                .when().post("/api/v1/patients/{id}/sessions", patientId)
                .then().statusCode(422).contentType(PROBLEM)
                .body("errors.pointer", containsInAnyOrder("/dose", "/endedAt", "/sideEffects/0/type",
                        "/vitals/0/diastolic", "/vitals/1/at", "/vitals/1/heartRate", "/weightKg"));
    }

    @Test
    void shouldListEveryMistakeOfAPatient() {
        given().contentType(ContentType.JSON)
                .body("{\"displayName\": \"" + "x".repeat(201) + "\", \"birthYear\": 1980.5,"
                        + " \"timezone\": \"Mars/Olympus\", \"conditions\": [\"MIGRANE\"],"
                        + " \"enrolledAt\": \"" + future() + "\", \"nickname\": \"J\"}")
                .when().post("/api/v1/patients")
                .then().statusCode(422).contentType(PROBLEM)
                .body("errors.pointer", containsInAnyOrder("/birthYear", "/conditions/0", "/displayName",
                        "/enrolledAt", "/nickname", "/timezone"));
    }

    @Test
    void shouldListEveryMistakeOfAStaffAccount() {
        TestData.as(TestData.adminToken()).contentType(ContentType.JSON)
                .body("{\"username\": \"a b\", \"password\": 12345678, \"role\": \"PATIENT\", \"displayName\": \" \","
                        + " \"email\": \"x@example.org\"}")
                .when().post("/api/v1/users")
                .then().statusCode(400).contentType(PROBLEM)
                .body("errors.pointer", containsInAnyOrder("/displayName", "/email", "/password", "/role",
                        "/username"));
    }

    @Test
    void shouldListEveryMistakeOfABatchItemInItsOwnResult() {
        String id = java.util.UUID.randomUUID().toString();
        given().contentType(ContentType.JSON)
                .body("{\"checkIns\": [{\"id\": \"" + id + "\", \"context\": \"DAYLY\", \"recordedAt\": \"" + future()
                        + "\", \"scores\": {\"pain\": 7.5, \"mood\": 11}}]}")
                .when().post("/api/v1/patients/{id}/check-ins:batch", patientId)
                .then().statusCode(200)
                .body("results[0].status", equalTo("invalid"))
                .body("results[0].id", equalTo(id))
                .body("results[0].problem.errors.pointer", containsInAnyOrder("/checkIns/0/context",
                        "/checkIns/0/recordedAt", "/checkIns/0/scores/mood", "/checkIns/0/scores/pain"));
    }

    @Test
    void shouldListEveryMistakeOfACorrection() {
        String checkInId = TestData.dailyCheckIn(patientId, Instant.now().minus(1, ChronoUnit.HOURS), 5);
        ValidatableResponse current = given().when()
                .get("/api/v1/patients/{p}/check-ins/{c}", patientId, checkInId).then().statusCode(200);
        given().contentType(JsonMergePatch.MEDIA_TYPE).header("If-Match", current.extract().header("ETag"))
                .body("{\"scores\": {\"pain\": 12, \"sleep\": \"good\"}, \"recordedAt\": \"" + future() + "\"}")
                .when().patch("/api/v1/patients/{p}/check-ins/{c}", patientId, checkInId)
                .then().statusCode(400).contentType(PROBLEM)
                .body("errors.pointer", containsInAnyOrder("/recordedAt", "/scores/pain", "/scores/sleep"));
    }

    @Test
    void shouldSayWhereJsonIsMalformed() {
        given().contentType(ContentType.JSON).body("{\n  \"displayName\": \"Jordan\",\n  \"birthYear\": 19 80\n}")
                .when().post("/api/v1/patients")
                .then().statusCode(400).contentType(PROBLEM)
                .body("type", equalTo(MALFORMED))
                .body("detail", containsString("not well-formed JSON"))
                .body("errors[0].detail", containsString("line 3, column"));
    }
}
