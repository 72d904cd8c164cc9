package com.infusionoutcomes.problem;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.infusionoutcomes.TestData;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Failures the framework detects before our code runs still answer as problem documents. */
@QuarkusTest
class ProblemDetailsTest {

    @BeforeEach
    void signIn() {
        TestData.signInAsClinician();
    }

    @AfterEach
    void signOut() {
        TestData.signOut();
    }


    private static final String PROBLEM = "application/problem+json";
    private static final String NOT_FOUND = "urn:infusion-outcomes:problem:not-found";

    @Test
    void shouldAnswerUnknownRouteWithProblem() {
        given().when().get("/api/v1/no-such-thing")
                .then().statusCode(404).contentType(PROBLEM)
                .body("status", equalTo(404))
                .body("type", equalTo(NOT_FOUND))
                .body("title", equalTo("Not found"))
                .body("instance", equalTo("/api/v1/no-such-thing"));
    }

    // A client cannot tell an id that names nothing from one that is not an id at all, nor should it need to.
    @Test
    void shouldAnswerUnknownAndMalformedIdsWithOneProblemType() {
        String patientId = TestData.enrollPatient();
        for (String id : new String[] { TestData.unknownId(), "not-a-uuid", "1-1-1-1-1" }) {
            given().when().get("/api/v1/patients/{id}", id)
                    .then().statusCode(404).contentType(PROBLEM).body("type", equalTo(NOT_FOUND));
            given().when().get("/api/v1/patients/{p}/check-ins/{c}", patientId, id)
                    .then().statusCode(404).contentType(PROBLEM).body("type", equalTo(NOT_FOUND));
        }
    }

    @Test
    void shouldAnswerUnsupportedMethodWithProblemAndAllow() {
        given().when().delete("/api/v1/patients/{id}", TestData.unknownId())
                .then().statusCode(405).contentType(PROBLEM)
                .header("Allow", allOf(containsString("GET"), containsString("PATCH")))
                .body("status", equalTo(405));
    }

    @Test
    void shouldNameTheAcceptedMediaTypesOn415() {
        given().contentType(ContentType.TEXT).body("displayName=X")
                .when().post("/api/v1/patients")
                .then().statusCode(415).contentType(PROBLEM).body("status", equalTo(415))
                .body("detail", containsString("application/json"));
        given().contentType(ContentType.XML).body("<patient/>")
                .when().patch("/api/v1/patients/{id}", TestData.enrollPatient())
                .then().statusCode(415).contentType(PROBLEM)
                .body("detail", allOf(containsString("application/merge-patch+json"),
                        containsString("application/json")));
    }

    @Test
    void shouldNameTheProducedMediaTypesOn406() {
        String patientId = TestData.enrollPatient();
        given().accept("application/xml").when().get("/api/v1/patients/{id}", patientId)
                .then().statusCode(406).contentType(PROBLEM).body("status", equalTo(406))
                .body("detail", containsString("application/json"));
        given().accept("image/png").when().get("/api/v1/patients/{id}/check-ins.csv", patientId)
                .then().statusCode(406).contentType(PROBLEM)
                .body("detail", containsString("text/csv"));
    }

    @Test
    void shouldAnswerEmptyBodyWithProblem() {
        given().contentType(ContentType.JSON).body("")
                .when().post("/api/v1/patients")
                .then().statusCode(422).contentType(PROBLEM).body("errors[0].pointer", equalTo(""));
    }

    @Test
    void shouldNeverLeakStackTracesOrClassNames() {
        given().contentType(ContentType.JSON).body("[1, 2]")
                .when().post("/api/v1/patients")
                .then().statusCode(400).contentType(PROBLEM)
                .body(not(containsString("com.infusionoutcomes")))
                .body(not(containsString("\tat ")));
        given().contentType(ContentType.JSON).body("{\"displayName\": \"X\", \"displayName\": \"Y\"}")
                .when().post("/api/v1/patients")
                .then().statusCode(400).contentType(PROBLEM)
                .body(not(containsString("com.infusionoutcomes")));
    }

    @Test
    void shouldReportLiveAndReadyWithDatabaseCheck() {
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.find { it.name.contains('Database') }.status", equalTo("UP"));
    }

    // PostgreSQL cannot store or compare text holding NUL: such values are refused at the edge, never a 500.
    @Test
    void shouldRefuseTheNulCharacterInTextAsInvalid() {
        given().contentType(ContentType.JSON).body("{\"displayName\": \"Jordan\\u0000Reyes\"}")
                .when().post("/api/v1/patients")
                .then().statusCode(422).contentType(PROBLEM)
                .body("errors[0].pointer", equalTo("/displayName"))
                .body("errors[0].detail", containsString("NUL"));
        String patientId = TestData.enrollPatient();
        given().contentType("application/merge-patch+json").body("{\"externalId\": \"\\u0000\"}")
                .when().patch("/api/v1/patients/{id}", patientId)
                .then().statusCode(422).contentType(PROBLEM).body("errors[0].pointer", equalTo("/externalId"));
        given().contentType(ContentType.JSON)
                .body("{\"context\": \"DAILY\", \"recordedAt\": \"2026-03-01T20:00:00Z\", \"scores\": {\"pain\": 3},"
                        + " \"note\": \"a\\u0000b\"}")
                .when().post("/api/v1/patients/{id}/check-ins", patientId)
                .then().statusCode(422).contentType(PROBLEM).body("errors[0].pointer", equalTo("/note"));
        TestData.anonymous().contentType(ContentType.JSON).body("{\"username\": \"a\\u0000b\", \"password\": \"x\"}")
                .when().post("/api/v1/auth/token")
                .then().statusCode(422).contentType(PROBLEM).body("errors[0].pointer", equalTo("/username"));
    }

    // Shown in a chart or a CSV, U+202E makes "Rosa" and what follows read backwards; a lone surrogate is half
    // a character that breaks every UTF-8 export of the record.
    @Test
    void shouldRefuseLoneSurrogatesAndBidirectionalControlsInNamesAndNotes() {
        for (String hostile : new String[] { "Rosa\\u202Eevil", "\\ud800Rosa", "Rosa\\udc00", "a\\u2066b\\u2069",
                "x\\u202Ay" }) {
            given().contentType(ContentType.JSON).body("{\"displayName\": \"" + hostile + "\"}")
                    .when().post("/api/v1/patients")
                    .then().statusCode(422).contentType(PROBLEM).body("errors[0].pointer", equalTo("/displayName"))
                    .body("errors[0].detail", containsString("U+202E"));
        }
        // A character outside the BMP is a surrogate pair, and right-to-left script needs no control: both fine.
        String patientId = TestData.enrollPatient(
                "{\"displayName\": \"Rosa \\ud83d\\ude00 \\u05e8\\u05d5\\u05d6\\u05d4\"}");
        given().contentType(ContentType.JSON)
                .body("{\"context\": \"DAILY\", \"recordedAt\": \"" + java.time.Instant.now().minusSeconds(3600)
                        + "\", \"scores\": {\"pain\": 3}, \"note\": \"slept \\u202Ebadly\"}")
                .when().post("/api/v1/patients/{id}/check-ins", patientId)
                .then().statusCode(422).contentType(PROBLEM).body("errors[0].pointer", equalTo("/note"));
        given().contentType(ContentType.JSON)
                .body("{\"status\": \"SCHEDULED\", \"scheduledAt\": \"2030-01-01T10:00:00Z\","
                        + " \"notes\": \"\\ud800\"}")
                .when().post("/api/v1/patients/{id}/sessions", patientId)
                .then().statusCode(422).contentType(PROBLEM).body("errors[0].pointer", equalTo("/notes"));
        TestData.as(TestData.adminToken()).contentType(ContentType.JSON)
                .body("{\"username\": \"bidi-user\", \"password\": \"" + TestData.PASSWORD
                        + "\", \"role\": \"CLINICIAN\", \"displayName\": \"Dr \\u202Dx\"}")
                .when().post("/api/v1/users")
                .then().statusCode(422).contentType(PROBLEM).body("errors[0].pointer", equalTo("/displayName"));
    }

    @Test
    void shouldRefuseTheNulCharacterInASearchOrCursor() {
        given().queryParam("q", "Jordan\u0000").when().get("/api/v1/patients")
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].parameter", equalTo("q"));
        String forged = java.util.Base64.getUrlEncoder().encodeToString(
                (TestData.unknownId() + "|Jordan\u0000").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        given().queryParam("cursor", forged).when().get("/api/v1/patients")
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].parameter", equalTo("cursor"));
    }

    @Test
    void shouldAnswerAndAuditPathsHoldingAnything() {
        String patientId = TestData.enrollPatient();
        // Refused attempts are audited with the path's segments: these must be storable too.
        given().when().get("/api/v1/patients/%00").then().statusCode(404).contentType(PROBLEM);
        given().when().post("/api/v1/alerts/%00%01/acknowledge").then().statusCode(404).contentType(PROBLEM);
        given().when().get("/api/v1/patients/{id}/" + "x".repeat(80), patientId)
                .then().statusCode(404).contentType(PROBLEM);
        given().when().get("/api/v1/patients/{id}/check-ins/%F0%9F%98%80" + "y".repeat(100), patientId)
                .then().statusCode(404).contentType(PROBLEM);
    }
}
