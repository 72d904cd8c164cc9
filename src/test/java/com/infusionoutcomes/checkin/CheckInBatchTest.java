package com.infusionoutcomes.checkin;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.infusionoutcomes.TestData;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/** Offline sync: many check-ins in one request, each answered in order, safe to send again. */
@QuarkusTest
class CheckInBatchTest {

    private static final String PROBLEM = "application/problem+json";
    private static final Instant YESTERDAY = Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);

    @BeforeEach
    void signIn() {
        TestData.signInAsClinician();
    }

    @AfterEach
    void signOut() {
        TestData.signOut();
    }

    private static Response batch(String patient, List<String> items) {
        return given().contentType(ContentType.JSON).body("{\"checkIns\": [" + String.join(", ", items) + "]}")
                .when().post("/api/v1/patients/{p}/check-ins:batch", patient);
    }

    private static String daily(String id, int minutesAgo, int pain) {
        return "{\"id\": \"%s\", \"context\": \"DAILY\", \"recordedAt\": \"%s\", \"scores\": {\"pain\": %d}}"
                .formatted(id, YESTERDAY.minus(minutesAgo, ChronoUnit.MINUTES), pain);
    }

    private static int count(String patient) {
        return given().queryParam("limit", 500).when().get("/api/v1/patients/{p}/check-ins", patient)
                .then().statusCode(200).extract().path("items.size()");
    }

    @Test
    void shouldAnswerEveryItemInOrderAndStoreTheValidOnes() {
        String patient = TestData.enrollPatient();
        String session = TestData.completedSession(patient, 2);
        String stored = UUID.randomUUID().toString();
        String storedDifferently = UUID.randomUUID().toString();
        batch(patient, List.of(daily(stored, 1, 5), daily(storedDifferently, 2, 5))).then().statusCode(200);
        String created = UUID.randomUUID().toString();
        String pre = UUID.randomUUID().toString();
        String repeated = UUID.randomUUID().toString();
        String future = UUID.randomUUID().toString();
        List<String> items = List.of(
                daily(created, 10, 3),                                                      // 0 created
                daily(stored, 1, 5),                                                        // 1 duplicate
                daily(storedDifferently, 2, 9),                                             // 2 conflict
                "{\"id\": \"%s\", \"context\": \"DAILY\", \"recordedAt\": \"%s\", \"scores\": {\"pian\": 3}}"
                        .formatted(UUID.randomUUID(), YESTERDAY),                           // 3 invalid: unknown property
                "{\"context\": \"DAILY\", \"recordedAt\": \"%s\", \"scores\": {\"pain\": 3}}".formatted(YESTERDAY), // 4 no id
                "{\"id\": \"%s\", \"context\": \"PRE_INFUSION\", \"sessionId\": \"%s\", \"recordedAt\": \"%s\","
                        .formatted(pre, session, YESTERDAY) + " \"scores\": {\"pain\": 7}}", // 5 created, with session
                "{\"id\": \"%s\", \"context\": \"DAILY\", \"recordedAt\": \"%s\", \"scores\": {\"pain\": 4}}"
                        .formatted(future, Instant.now().plus(1, ChronoUnit.HOURS)),        // 6 invalid: future
                daily(repeated, 20, 2),                                                     // 7 created
                daily(repeated, 20, 2),                                                     // 8 duplicate of 7
                daily(repeated, 20, 6),                                                     // 9 conflict with 7
                "\"not a check-in\"",                                                       // 10 invalid
                "{\"id\": \"%s\", \"context\": \"DAILY\", \"recordedAt\": \"%s\", \"scores\": {\"pain\": \"7\"}}"
                        .formatted(UUID.randomUUID(), YESTERDAY),                           // 11 invalid: wrong type
                "{\"id\": \"%s\", \"context\": \"POST_INFUSION\", \"sessionId\": \"%s\", \"recordedAt\": \"%s\","
                        .formatted(UUID.randomUUID(), TestData.unknownId(), YESTERDAY)
                        + " \"scores\": {\"pain\": 2}}");                                    // 12 invalid: unknown session
        JsonPath answer = batch(patient, items).then().statusCode(200).contentType(ContentType.JSON)
                .extract().jsonPath();
        assertEquals(List.of("created", "duplicate", "conflict", "invalid", "invalid", "created", "invalid",
                "created", "duplicate", "conflict", "invalid", "invalid", "invalid"), answer.getList("results.status"));
        assertEquals(created, answer.getString("results[0].id"));
        assertEquals(stored, answer.getString("results[1].id"));
        assertEquals(null, answer.getString("results[1].problem"));
        assertEquals("urn:infusion-outcomes:problem:conflict", answer.getString("results[2].problem.type"));
        assertEquals(409, answer.getInt("results[2].problem.status"));
        assertEquals(List.of("/checkIns/3/scores/pian"), answer.getList("results[3].problem.errors.pointer"));
        assertEquals(null, answer.getString("results[4].id"));
        assertEquals(List.of("/checkIns/4/id"), answer.getList("results[4].problem.errors.pointer"));
        assertEquals(List.of("/checkIns/6/recordedAt"), answer.getList("results[6].problem.errors.pointer"));
        assertEquals(future, answer.getString("results[6].id"));
        assertEquals(List.of("/checkIns/10"), answer.getList("results[10].problem.errors.pointer"));
        assertEquals(400, answer.getInt("results[11].problem.status"));
        assertEquals(List.of("/checkIns/11/scores/pain"), answer.getList("results[11].problem.errors.pointer"));
        assertEquals(List.of("/checkIns/12/sessionId"), answer.getList("results[12].problem.errors.pointer"));
        assertEquals(3, answer.getInt("created"));
        assertEquals(2, answer.getInt("duplicate"));
        assertEquals(2, answer.getInt("conflict"));
        assertEquals(6, answer.getInt("invalid"));

        assertEquals(2 + 3, count(patient));
        given().when().get("/api/v1/patients/{p}/check-ins/{c}", patient, pre).then().statusCode(200)
                .body("sessionId", equalTo(session)).body("scores.pain", equalTo(7)).body("version", equalTo(1))
                .body("status", equalTo("final"));
        given().when().get("/api/v1/patients/{p}/check-ins/{c}", patient, storedDifferently).then()
                .body("scores.pain", equalTo(5));
        given().when().get("/api/v1/patients/{p}/check-ins/{c}", patient, repeated).then()
                .body("scores.pain", equalTo(2));
        // who recorded them is in each one's history
        given().when().get("/api/v1/patients/{p}/check-ins/{c}/history", patient, created).then().statusCode(200)
                .body("versions[0].changedByRole", equalTo("CLINICIAN"));
    }

    @Test
    void shouldStoreNothingTwiceWhenTheWholeBatchIsSentAgain() {
        String patient = TestData.enrollPatient();
        List<String> items = IntStream.range(0, 50).mapToObj(i -> daily(UUID.randomUUID().toString(), i, i % 11))
                .collect(Collectors.toCollection(ArrayList::new));
        items.add("{\"id\": \"%s\", \"context\": \"DAILY\", \"recordedAt\": \"%s\", \"scores\": {}}"
                .formatted(UUID.randomUUID(), YESTERDAY));
        JsonPath first = batch(patient, items).then().statusCode(200).extract().jsonPath();
        assertEquals(50, first.getInt("created"));
        assertEquals(1, first.getInt("invalid"));
        JsonPath again = batch(patient, items).then().statusCode(200).extract().jsonPath();
        assertEquals(0, again.getInt("created"));
        assertEquals(50, again.getInt("duplicate"));
        assertEquals(1, again.getInt("invalid"));
        assertEquals(first.getList("results.id"), again.getList("results.id"));
        assertEquals(50, count(patient));
    }

    @Test
    void shouldTreatARetriedReportThatWasCorrectedSinceAsADuplicate() {
        String patient = TestData.enrollPatient();
        String id = UUID.randomUUID().toString();
        batch(patient, List.of(daily(id, 0, 4))).then().statusCode(200).body("created", equalTo(1));
        given().contentType("application/merge-patch+json").header("If-Match", "\"1\"")
                .body("{\"scores\": {\"pain\": 5}}").patch("/api/v1/patients/{p}/check-ins/{c}", patient, id)
                .then().statusCode(200);
        batch(patient, List.of(daily(id, 0, 4))).then().statusCode(200).body("results[0].status", equalTo("duplicate"));
    }

    @Test
    void shouldRefuseMoreThan500CheckInsOrNone() {
        String patient = TestData.enrollPatient();
        List<String> items = IntStream.range(0, 501).mapToObj(i -> daily(UUID.randomUUID().toString(), i, 3)).toList();
        batch(patient, items).then().statusCode(422).contentType(PROBLEM)
                .body("errors.pointer", equalTo(List.of("/checkIns")));
        batch(patient, List.of()).then().statusCode(422).contentType(PROBLEM);
        given().contentType(ContentType.JSON).body("{}").post("/api/v1/patients/{p}/check-ins:batch", patient)
                .then().statusCode(422).body("errors.pointer", equalTo(List.of("/checkIns")));
        assertEquals(0, count(patient));
    }

    @Test
    void shouldStoreAFull500CheckInBatch() {
        String patient = TestData.enrollPatient();
        List<String> items = IntStream.range(0, 500).mapToObj(i -> daily(UUID.randomUUID().toString(), i, i % 11))
                .toList();
        batch(patient, items).then().statusCode(200).body("created", equalTo(500));
        assertEquals(500, count(patient));
    }

    @Test
    void shouldNotLetAnotherPatientOrAnAdministratorSendABatch() {
        String patient = TestData.enrollPatient();
        String other = TestData.enrollPatient();
        List<String> items = List.of(daily(UUID.randomUUID().toString(), 0, 3));
        TestData.as(TestData.patientToken(other)).contentType(ContentType.JSON)
                .body("{\"checkIns\": [" + items.get(0) + "]}")
                .post("/api/v1/patients/{p}/check-ins:batch", patient).then().statusCode(404).contentType(PROBLEM);
        TestData.as(TestData.patientToken(patient)).contentType(ContentType.JSON)
                .body("{\"checkIns\": [" + items.get(0) + "]}")
                .post("/api/v1/patients/{p}/check-ins:batch", patient).then().statusCode(200)
                .body("results[0].status", equalTo("created"));
        batch(TestData.unknownId(), items).then().statusCode(404);
        assertEquals(1, count(patient));
    }

    @Test
    void shouldStoreConcurrentCopiesOfOneBatchExactlyOnce() throws Exception {
        String patient = TestData.enrollPatient();
        List<String> items = IntStream.range(0, 100).mapToObj(i -> daily(UUID.randomUUID().toString(), i, i % 11))
                .toList();
        String body = "{\"checkIns\": [" + String.join(", ", items) + "]}";
        String token = TestData.clinicianToken();
        List<Response> answers = TestData.concurrently(6, i -> TestData.as(token).contentType(ContentType.JSON)
                .body(body).post("/api/v1/patients/{p}/check-ins:batch", patient));
        int created = 0;
        for (Response answer : answers) {
            assertEquals(200, answer.statusCode(), answer.asString());
            JsonPath json = answer.jsonPath();
            assertEquals(100, json.getInt("created") + json.getInt("duplicate"), answer.asString());
            created += json.getInt("created");
        }
        assertEquals(100, created, "each check-in created by exactly one copy");
        assertEquals(100, count(patient));
    }

    @Test
    void shouldAuditABatchAsOneEvent() {
        String patient = TestData.enrollPatient();
        String requestId = "batch-" + UUID.randomUUID();
        List<String> items = IntStream.range(0, 20).mapToObj(i -> daily(UUID.randomUUID().toString(), i, 3)).toList();
        given().header("X-Request-Id", requestId).contentType(ContentType.JSON)
                .body("{\"checkIns\": [" + String.join(", ", items) + "]}")
                .post("/api/v1/patients/{p}/check-ins:batch", patient).then().statusCode(200);
        List<String> types = TestData.as(TestData.adminToken()).queryParam("patientId", patient)
                .queryParam("limit", 500).get("/api/v1/audit-events").then().statusCode(200).extract()
                .jsonPath().getList("items.findAll { it.requestId == '" + requestId + "' }.resourceType");
        assertEquals(List.of("CheckInBatch"), types);
        assertTrue(count(patient) == 20);
    }

    @Test
    void shouldRunTheWorseningRuleOncePerBatch() {
        String patient = TestData.enrollPatient();
        List<String> items = List.of(daily(UUID.randomUUID().toString(), 5 * 24 * 60, 2),
                daily(UUID.randomUUID().toString(), 2 * 24 * 60, 8), daily(UUID.randomUUID().toString(), 0, 9));
        batch(patient, items).then().statusCode(200).body("created", equalTo(3));
        // pain from 2 (the first value) to a current 6.33: WORSENED, raised once for the batch, not per item
        given().queryParam("rule", "WORSENING").when().get("/api/v1/patients/{p}/alerts", patient)
                .then().statusCode(200).body("items.size()", equalTo(1))
                .body("items[0].triggerCount", equalTo(1)).body("items[0].sourceType", equalTo("CheckIn"))
                .body("items[0].sourceId", equalTo(items.get(2).substring(8, 44)));
    }
}
