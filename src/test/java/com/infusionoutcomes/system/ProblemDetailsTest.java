package com.infusionoutcomes.system;

import static io.restassured.RestAssured.given;
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

    @Test
    void shouldAnswerUnknownRouteWithProblem() {
        given().when().get("/api/v1/no-such-thing")
                .then().statusCode(404).contentType(PROBLEM)
                .body("status", equalTo(404))
                .body("title", equalTo("Not Found"))
                .body("instance", equalTo("/api/v1/no-such-thing"));
    }

    @Test
    void shouldAnswerUnsupportedMethodWithProblem() {
        given().when().delete("/api/v1/patients/{id}", TestData.unknownId())
                .then().statusCode(405).contentType(PROBLEM)
                .body("status", equalTo(405));
    }

    @Test
    void shouldAnswerUnsupportedMediaTypeWithProblem() {
        given().contentType(ContentType.TEXT).body("displayName=X")
                .when().post("/api/v1/patients")
                .then().statusCode(415).contentType(PROBLEM).body("status", equalTo(415));
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
}
