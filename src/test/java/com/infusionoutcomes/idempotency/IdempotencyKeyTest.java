package com.infusionoutcomes.idempotency;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.infusionoutcomes.TestData;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** Idempotency-Key on POST: one execution per key and request, the stored answer replayed, keys per caller. */
@QuarkusTest
class IdempotencyKeyTest {

    private static final String PROBLEM = "application/problem+json";
    private static final Instant START = Instant.now().minus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);

    @BeforeEach
    void signIn() {
        TestData.signInAsClinician();
    }

    @AfterEach
    void signOut() {
        TestData.signOut();
    }

    private static String scheduled(int day) {
        return "{\"status\": \"SCHEDULED\", \"scheduledAt\": \"%s\"}".formatted(START.plus(day, ChronoUnit.DAYS));
    }

    private static Response postSession(RequestSpecification request, String patient, String key, String body) {
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return request.contentType(ContentType.JSON).body(body).when().post("/api/v1/patients/{p}/sessions", patient);
    }

    private static Response postSession(String patient, String key, String body) {
        return postSession(given(), patient, key, body);
    }

    private static int sessions(String patient) {
        return given().queryParam("limit", 500).get("/api/v1/patients/{p}/sessions", patient)
                .then().statusCode(200).extract().path("items.size()");
    }

    @Test
    void shouldReplayTheStoredAnswerForTheSameKeyAndRequest() {
        String patient = TestData.enrollPatient();
        String key = UUID.randomUUID().toString();
        Response first = postSession(patient, key, scheduled(5));
        first.then().statusCode(201).header("Idempotent-Replayed", nullValue());
        Response again = postSession(patient, key, scheduled(5));
        again.then().statusCode(201).contentType(ContentType.JSON).header("Idempotent-Replayed", "true")
                .header("Location", first.header("Location")).header("ETag", first.header("ETag"))
                .body("id", equalTo(first.path("id")));
        assertEquals(first.asString(), again.asString());
        assertEquals(1, sessions(patient));
    }

    @Test
    void shouldRefuseTheSameKeyForADifferentRequest() {
        String patient = TestData.enrollPatient();
        String key = UUID.randomUUID().toString();
        postSession(patient, key, scheduled(5)).then().statusCode(201);
        postSession(patient, key, scheduled(6)).then().statusCode(422).contentType(PROBLEM)
                .body("type", equalTo("urn:infusion-outcomes:problem:idempotency-key-reused"));
        // the same body to another path is another request too
        given().header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body("{\"context\": \"DAILY\", \"recordedAt\": \"%s\", \"scores\": {\"pain\": 3}}".formatted(START))
                .post("/api/v1/patients/{p}/check-ins", patient).then().statusCode(422)
                .body("type", equalTo("urn:infusion-outcomes:problem:idempotency-key-reused"));
        assertEquals(1, sessions(patient));
    }

    @Test
    void shouldKeepEachCallersKeysApart() {
        String patient = TestData.enrollPatient();
        String key = "shared-name-" + UUID.randomUUID();
        String colleague = TestData.token(TestData.createStaff("CLINICIAN"), TestData.PASSWORD);
        TestData.as(TestData.clinicianToken()).contentType(ContentType.JSON)
                .body("{\"userId\": \"" + TestData.userId(colleague) + "\"}")
                .post("/api/v1/patients/{p}/care-team", patient)
                .then().statusCode(201);
        String mine = postSession(patient, key, scheduled(5)).then().statusCode(201).extract().path("id");
        Response theirs = postSession(TestData.as(colleague), patient, key, scheduled(5));
        theirs.then().statusCode(201).header("Idempotent-Replayed", nullValue());
        assertTrue(!mine.equals(theirs.path("id")));
        // and a patient who picks the same key for a check-in is a third caller
        String patientToken = TestData.patientToken(patient);
        TestData.as(patientToken).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body("{\"context\": \"DAILY\", \"recordedAt\": \"%s\", \"scores\": {\"pain\": 3}}".formatted(START))
                .post("/api/v1/patients/{p}/check-ins", patient).then().statusCode(201);
        assertEquals(2, sessions(patient));
    }

    @Test
    void shouldNotStoreAFailedAnswerSoTheKeyCanBeRetried() {
        String patient = TestData.enrollPatient();
        String key = UUID.randomUUID().toString();
        postSession(patient, key, "{\"status\": \"SCHEDULED\"}").then().statusCode(422)
                .body("type", equalTo("urn:infusion-outcomes:problem:validation-failed"));
        postSession(patient, key, scheduled(5)).then().statusCode(201).header("Idempotent-Replayed", nullValue());
        postSession(patient, key, scheduled(5)).then().statusCode(201).header("Idempotent-Replayed", "true");
        assertEquals(1, sessions(patient));
    }

    @Test
    void shouldRunConcurrentCopiesOfOneRequestExactlyOnce() throws Exception {
        String patient = TestData.enrollPatient();
        String key = UUID.randomUUID().toString();
        String token = TestData.clinicianToken();
        List<Response> answers = TestData.concurrently(8,
                i -> postSession(TestData.as(token), patient, key, scheduled(5)));
        long created = answers.stream().filter(a -> a.statusCode() == 201).count();
        for (Response answer : answers) {
            // the first runs; the others are replayed its answer or told it is still running
            assertTrue(answer.statusCode() == 201 || answer.statusCode() == 409, answer.asString());
            if (answer.statusCode() == 409) {
                assertEquals("urn:infusion-outcomes:problem:idempotency-key-in-use", answer.path("type"));
            }
        }
        assertTrue(created >= 1);
        assertEquals(1, answers.stream().filter(a -> a.statusCode() == 201).map(a -> a.path("id")).distinct().count());
        assertEquals(1, sessions(patient));
        postSession(patient, key, scheduled(5)).then().statusCode(201).header("Idempotent-Replayed", "true");
    }

    @Test
    void shouldReplayABatch() {
        String patient = TestData.enrollPatient();
        String key = UUID.randomUUID().toString();
        String body = "{\"checkIns\": [{\"id\": \"%s\", \"context\": \"DAILY\", \"recordedAt\": \"%s\", \"scores\": {\"pain\": 3}}]}"
                .formatted(UUID.randomUUID(), START);
        given().header("Idempotency-Key", key).contentType(ContentType.JSON).body(body)
                .post("/api/v1/patients/{p}/check-ins:batch", patient).then().statusCode(200)
                .body("results[0].status", equalTo("created"));
        given().header("Idempotency-Key", key).contentType(ContentType.JSON).body(body)
                .post("/api/v1/patients/{p}/check-ins:batch", patient).then().statusCode(200)
                .header("Idempotent-Replayed", "true").body("results[0].status", equalTo("created"));
    }

    @Test
    void shouldRefuseAMalformedKey() {
        String patient = TestData.enrollPatient();
        postSession(patient, "", scheduled(5)).then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].parameter", equalTo("Idempotency-Key"));
        postSession(patient, "x".repeat(256), scheduled(5)).then().statusCode(400);
        assertEquals(0, sessions(patient));
    }

    @Test
    void shouldNeverStoreAnAnswerThatCarriesCredentials() {
        String key = UUID.randomUUID().toString();
        String body = "{\"username\": \"" + TestData.ADMIN_USERNAME + "\", \"password\": \"" + TestData.ADMIN_PASSWORD + "\"}";
        String first = TestData.anonymous().header("Idempotency-Key", key).contentType(ContentType.JSON).body(body)
                .post("/api/v1/auth/token").then().statusCode(200).header("Idempotent-Replayed", nullValue())
                .extract().path("refreshToken");
        String second = TestData.anonymous().header("Idempotency-Key", key).contentType(ContentType.JSON).body(body)
                .post("/api/v1/auth/token").then().statusCode(200).header("Idempotent-Replayed", nullValue())
                .extract().path("refreshToken");
        assertTrue(!first.equals(second), "each sign-in gets its own tokens");
    }

}
