package com.infusionoutcomes.checkin;

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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

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
class CheckInResourceTest {

    @BeforeEach
    void signIn() {
        TestData.signInAsClinician();
    }

    @AfterEach
    void signOut() {
        TestData.signOut();
    }


    private static final String PROBLEM = "application/problem+json";
    private static final Instant YESTERDAY = Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);

    private static Response post(String patientId, String body) {
        return given().contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/patients/{p}/check-ins", patientId);
    }

    private static int count(String patientId) {
        return given().queryParam("limit", 500).when().get("/api/v1/patients/{p}/check-ins", patientId)
                .then().statusCode(200).extract().path("items.size()");
    }

    @Test
    void shouldRecordDailyCheckInNormalisedToUtc() {
        String patient = TestData.enrollPatient();
        Response created = post(patient, """
                {"context": "DAILY", "recordedAt": "2026-03-03T20:30:00-06:00",
                 "scores": {"pain": 4, "sleep": 6, "mobility": 7, "mood": 0}, "note": "Walked the dog"}
                """);
        created.then().statusCode(201)
                .body("id", notNullValue())
                .body("patientId", equalTo(patient))
                .body("sessionId", nullValue())
                .body("context", equalTo("DAILY"))
                .body("recordedAt", equalTo("2026-03-04T02:30:00Z"))
                .body("scores.pain", equalTo(4))
                .body("scores.mood", equalTo(0))
                .body("note", equalTo("Walked the dog"))
                .body("createdAt", notNullValue());
        String location = created.header("Location");
        assertTrue(location.endsWith("/api/v1/patients/" + patient + "/check-ins/" + created.path("id")), location);
        given().when().get(location).then().statusCode(200)
                .body("scores.sleep", equalTo(6))
                .body("createdAt", equalTo((String) created.path("createdAt")));
    }

    @Test
    void shouldKeepAbsentScoresAbsent() {
        String patient = TestData.enrollPatient();
        post(patient, "{\"context\": \"DAILY\", \"recordedAt\": \"%s\", \"scores\": {\"sleep\": 3}}".formatted(YESTERDAY))
                .then().statusCode(201)
                .body("scores.sleep", equalTo(3))
                .body("scores.pain", nullValue())
                .body("scores.mobility", nullValue());
    }

    @Test
    void shouldLinkPreAndPostInfusionCheckInsToTheSession() {
        String patient = TestData.enrollPatient();
        String session = TestData.completedSession(patient, 1);
        post(patient, """
                {"context": "PRE_INFUSION", "sessionId": "%s", "recordedAt": "%s", "scores": {"pain": 8}}
                """.formatted(session, YESTERDAY.minus(2, ChronoUnit.HOURS)))
                .then().statusCode(201).body("sessionId", equalTo(session));
        post(patient, """
                {"context": "POST_INFUSION", "sessionId": "%s", "recordedAt": "%s", "scores": {"pain": 3}}
                """.formatted(session, YESTERDAY))
                .then().statusCode(201).body("context", equalTo("POST_INFUSION"));
    }

    @Test
    void shouldAcceptRecordedAtWithinClockSkew() {
        String patient = TestData.enrollPatient();
        post(patient, "{\"context\": \"DAILY\", \"recordedAt\": \"%s\", \"scores\": {\"pain\": 2}}"
                .formatted(Instant.now().plus(2, ChronoUnit.MINUTES)))
                .then().statusCode(201);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            pain above 10            | "context": "DAILY", "recordedAt": "%1$s", "scores": {"pain": 11}         | /scores/pain
            mood below 0             | "context": "DAILY", "recordedAt": "%1$s", "scores": {"mood": -1}         | /scores/mood
            score not an integer     | "context": "DAILY", "recordedAt": "%1$s", "scores": {"pain": 7.5}        | /scores/pain
            no scores at all         | "context": "DAILY", "recordedAt": "%1$s", "scores": {}                   | /scores
            all scores null          | "context": "DAILY", "recordedAt": "%1$s", "scores": {"pain": null}       | /scores
            scores missing           | "context": "DAILY", "recordedAt": "%1$s"                                  | /scores
            misspelt score           | "context": "DAILY", "recordedAt": "%1$s", "scores": {"pian": 7}          | /scores/pian
            misspelt field           | "context": "DAILY", "recordedAt": "%1$s", "scores": {"pain": 7}, "nots": "x" | /nots
            unknown context          | "context": "NIGHTLY", "recordedAt": "%1$s", "scores": {"pain": 7}        | /context
            context missing          | "recordedAt": "%1$s", "scores": {"pain": 7}                              | /context
            recordedAt in the future | "context": "DAILY", "recordedAt": "%2$s", "scores": {"pain": 7}          | /recordedAt
            recordedAt missing       | "context": "DAILY", "scores": {"pain": 7}                                | /recordedAt
            recordedAt without offset| "context": "DAILY", "recordedAt": "2026-03-01T08:00:00", "scores": {"pain": 7} | /recordedAt
            recordedAt not a date    | "context": "DAILY", "recordedAt": "yesterday", "scores": {"pain": 7}    | /recordedAt
            pre-infusion no session  | "context": "PRE_INFUSION", "recordedAt": "%1$s", "scores": {"pain": 7}   | /sessionId
            post-infusion no session | "context": "POST_INFUSION", "recordedAt": "%1$s", "scores": {"pain": 7}  | /sessionId
            unknown session          | "context": "PRE_INFUSION", "sessionId": "%3$s", "recordedAt": "%1$s", "scores": {"pain": 7} | /sessionId
            id not a UUID            | "id": "abc", "context": "DAILY", "recordedAt": "%1$s", "scores": {"pain": 7} | /id
            note too long            | "context": "DAILY", "recordedAt": "%1$s", "scores": {"pain": 7}, "note": "%4$s" | /note
            """)
    void shouldRefuseInvalidCheckInAndStoreNothing(String reason, String fields, String pointer) {
        String patient = TestData.enrollPatient();
        String body = "{" + fields.formatted(YESTERDAY, Instant.now().plus(6, ChronoUnit.MINUTES),
                UUID.randomUUID(), "n".repeat(2001)) + "}";
        post(patient, body)
                .then().statusCode(422).contentType(PROBLEM)
                .body("type", equalTo("urn:infusion-outcomes:problem:validation-failed"))
                .body("status", equalTo(422))
                .body("errors.pointer", hasItem(pointer));
        assertEquals(0, count(patient));
    }

    @Test
    void shouldRefuseAnotherPatientsSession() {
        String patient = TestData.enrollPatient();
        String other = TestData.enrollPatient();
        String othersSession = TestData.completedSession(other, 1);
        post(patient, """
                {"context": "PRE_INFUSION", "sessionId": "%s", "recordedAt": "%s", "scores": {"pain": 7}}
                """.formatted(othersSession, YESTERDAY))
                .then().statusCode(422).contentType(PROBLEM)
                .body("errors.pointer", contains("/sessionId"));
        assertEquals(0, count(patient));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            score as a string | {"context": "DAILY", "recordedAt": "%s", "scores": {"pain": "7"}} | /scores/pain
            scores as a list  | {"context": "DAILY", "recordedAt": "%s", "scores": [7]}         | /scores
            recordedAt number | {"context": "DAILY", "recordedAt": 1700000000, "scores": {"pain": 7}} | /recordedAt
            truncated JSON    | {"context": "DAILY", "recordedAt": "%s", "scores": {"pain": 7}  | ''
            not JSON          | pain=7                                                            | ''
            """)
    void shouldRefuseMalformedCheckIn(String reason, String body, String pointer) {
        String patient = TestData.enrollPatient();
        post(patient, body.formatted(YESTERDAY))
                .then().statusCode(400).contentType(PROBLEM)
                .body("type", equalTo("urn:infusion-outcomes:problem:malformed-request"))
                .body("errors.pointer", hasItem(pointer));
        assertEquals(0, count(patient));
    }

    @Test
    void shouldNotRecordCheckInForUnknownPatient() {
        post(TestData.unknownId(), "{\"context\": \"DAILY\", \"recordedAt\": \"%s\", \"scores\": {\"pain\": 7}}"
                .formatted(YESTERDAY))
                .then().statusCode(404).contentType(PROBLEM).body("detail", equalTo("Patient not found"));
    }

    @Test
    void shouldReplayIdenticalRetryAndRefuseDifferentContentUnderSameId() {
        String patient = TestData.enrollPatient();
        String id = UUID.randomUUID().toString();
        String body = "{\"id\": \"%s\", \"context\": \"DAILY\", \"recordedAt\": \"%s\", \"scores\": {\"pain\": 5}, \"note\": \"n\"}"
                .formatted(id, YESTERDAY);
        Response first = post(patient, body);
        first.then().statusCode(201).body("id", equalTo(id));
        post(patient, body).then().statusCode(200)
                .body("id", equalTo(id))
                .body("createdAt", equalTo((String) first.path("createdAt")))
                .body("scores.pain", equalTo(5));
        post(patient, body.replace("\"pain\": 5", "\"pain\": 6")).then().statusCode(409).contentType(PROBLEM)
                .body("type", equalTo("urn:infusion-outcomes:problem:conflict"));
        assertEquals(1, count(patient));
        given().when().get("/api/v1/patients/{p}/check-ins/{c}", patient, id)
                .then().statusCode(200).body("scores.pain", equalTo(5));
    }

    @Test
    void shouldStoreConcurrentDuplicatePostsExactlyOnce() throws Exception {
        String patient = TestData.enrollPatient();
        String id = UUID.randomUUID().toString();
        String body = "{\"id\": \"%s\", \"context\": \"DAILY\", \"recordedAt\": \"%s\", \"scores\": {\"pain\": 4}}"
                .formatted(id, YESTERDAY);
        Map<Integer, Integer> statuses = race(16, i -> post(patient, body).statusCode());
        assertEquals(Map.of(201, 1, 200, 15), statuses);
        assertEquals(1, count(patient));
    }

    @Test
    void shouldLetExactlyOneOfConcurrentConflictingPostsWin() throws Exception {
        String patient = TestData.enrollPatient();
        String id = UUID.randomUUID().toString();
        Map<Integer, Integer> statuses = race(8, i -> post(patient,
                "{\"id\": \"%s\", \"context\": \"DAILY\", \"recordedAt\": \"%s\", \"scores\": {\"pain\": %d}}"
                        .formatted(id, YESTERDAY, i)).statusCode());
        assertEquals(Map.of(201, 1, 409, 7), statuses);
        assertEquals(1, count(patient));
    }

    private interface Attempt {
        int run(int index);
    }

    private static Map<Integer, Integer> race(int parallel, Attempt attempt) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < parallel; i++) {
                int index = i;
                Callable<Integer> call = () -> {
                    start.await();
                    return attempt.run(index);
                };
                results.add(pool.submit(call));
            }
            start.countDown();
            Map<Integer, Integer> statuses = new HashMap<>();
            for (Future<Integer> result : results) {
                statuses.merge(result.get(), 1, Integer::sum);
            }
            return statuses;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void shouldListNewestFirstAndFilterByWindowAndContext() {
        String patient = TestData.enrollPatient();
        String session = TestData.completedSession(patient, 5);
        Instant base = Instant.now().minus(10, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        List<String> ids = new ArrayList<>();
        for (int day = 0; day < 6; day++) {
            ids.add(TestData.dailyCheckIn(patient, base.plus(day, ChronoUnit.DAYS), day));
        }
        String pre = post(patient, "{\"context\": \"PRE_INFUSION\", \"sessionId\": \"%s\", \"recordedAt\": \"%s\", \"scores\": {\"pain\": 9}}"
                .formatted(session, base.plus(2, ChronoUnit.DAYS).plus(1, ChronoUnit.HOURS)))
                .then().statusCode(201).extract().path("id");

        given().when().get("/api/v1/patients/{p}/check-ins", patient)
                .then().statusCode(200)
                .body("items.id", contains(ids.get(5), ids.get(4), ids.get(3), pre, ids.get(2), ids.get(1), ids.get(0)))
                .body("nextCursor", nullValue());
        // from and to are inclusive
        given().queryParam("from", base.plus(1, ChronoUnit.DAYS).toString())
                .queryParam("to", base.plus(3, ChronoUnit.DAYS).toString())
                .when().get("/api/v1/patients/{p}/check-ins", patient)
                .then().statusCode(200)
                .body("items.id", contains(ids.get(3), pre, ids.get(2), ids.get(1)));
        given().queryParam("context", "PRE_INFUSION")
                .when().get("/api/v1/patients/{p}/check-ins", patient)
                .then().statusCode(200).body("items.id", contains(pre));
        given().queryParam("context", "DAILY").queryParam("from", base.plus(4, ChronoUnit.DAYS).toString())
                .when().get("/api/v1/patients/{p}/check-ins", patient)
                .then().statusCode(200).body("items", hasSize(2));
    }

    @Test
    void shouldPageWithoutSkipsOrRepeatsWhileNewCheckInsArrive() {
        String patient = TestData.enrollPatient();
        Instant base = Instant.now().minus(20, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        List<String> expected = new ArrayList<>();
        for (int day = 0; day < 7; day++) {
            expected.add(0, TestData.dailyCheckIn(patient, base.plus(day, ChronoUnit.DAYS), 5));
        }
        Response first = given().queryParam("limit", 3).when().get("/api/v1/patients/{p}/check-ins", patient);
        first.then().statusCode(200).body("items", hasSize(3));
        List<String> seen = new ArrayList<>(first.path("items.id"));
        // Reports arriving meanwhile, newer and older than the page boundary, must not disturb the pages.
        TestData.dailyCheckIn(patient, Instant.now().minus(1, ChronoUnit.HOURS), 3);
        String cursor = first.path("nextCursor");
        while (cursor != null) {
            Response page = given().queryParam("limit", 3).queryParam("cursor", cursor)
                    .when().get("/api/v1/patients/{p}/check-ins", patient);
            page.then().statusCode(200);
            seen.addAll(page.path("items.id"));
            cursor = page.path("nextCursor");
        }
        assertEquals(expected, seen);
    }

    @Test
    void shouldRefuseBadListParameters() {
        String patient = TestData.enrollPatient();
        given().queryParam("from", "last week").when().get("/api/v1/patients/{p}/check-ins", patient)
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].parameter", equalTo("from"));
        given().queryParam("from", "2026-03-02T00:00:00Z").queryParam("to", "2026-03-01T00:00:00Z")
                .when().get("/api/v1/patients/{p}/check-ins", patient)
                .then().statusCode(422).contentType(PROBLEM).body("errors[0].parameter", equalTo("from"));
        given().queryParam("context", "WEEKLY").when().get("/api/v1/patients/{p}/check-ins", patient)
                .then().statusCode(422).body("errors[0].parameter", equalTo("context"));
        given().queryParam("limit", 1000).when().get("/api/v1/patients/{p}/check-ins", patient)
                .then().statusCode(422).body("errors[0].parameter", equalTo("limit"));
        given().when().get("/api/v1/patients/{p}/check-ins", TestData.unknownId())
                .then().statusCode(404).contentType(PROBLEM);
    }

    @Test
    void shouldNotGetUnknownOrAnotherPatientsCheckIn() {
        String patient = TestData.enrollPatient();
        String other = TestData.enrollPatient();
        String checkIn = TestData.dailyCheckIn(patient, YESTERDAY, 4);
        given().when().get("/api/v1/patients/{p}/check-ins/{c}", other, checkIn)
                .then().statusCode(404).contentType(PROBLEM).body("detail", equalTo("Check-in not found"));
        given().when().get("/api/v1/patients/{p}/check-ins/{c}", patient, TestData.unknownId())
                .then().statusCode(404).contentType(PROBLEM);
    }
}
