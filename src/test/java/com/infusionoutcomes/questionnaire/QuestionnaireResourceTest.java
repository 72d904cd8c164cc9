package com.infusionoutcomes.questionnaire;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

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
class QuestionnaireResourceTest {

    private static final String PROBLEM = "application/problem+json";
    private static final Instant AN_HOUR_AGO = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);

    @BeforeEach
    void signIn() {
        TestData.signInAsClinician();
    }

    @AfterEach
    void signOut() {
        TestData.signOut();
    }

    static Response post(String patientId, String instrument, String answers, Instant at) {
        return given().contentType(ContentType.JSON)
                .body("{\"instrument\": \"" + instrument + "\", \"answers\": [" + answers + "], \"recordedAt\": \""
                        + at + "\"}")
                .when().post("/api/v1/patients/{p}/questionnaire-responses", patientId);
    }

    @Test
    void shouldListTheCatalogueInOrder() {
        given().when().get("/api/v1/instruments").then().statusCode(200)
                .body("code", contains("peg", "phq9", "gad7", "phq2"))
                .body("find { it.code == 'phq9' }.items", hasSize(9))
                .body("find { it.code == 'phq9' }.items[8].loinc", equalTo("44260-8"))
                .body("find { it.code == 'phq9' }.items[8].text",
                        equalTo("Thoughts that you would be better off dead or of hurting yourself in some way"))
                .body("find { it.code == 'phq9' }.bands.band",
                        contains("MINIMAL", "MILD", "MODERATE", "MODERATELY_SEVERE", "SEVERE"))
                .body("find { it.code == 'gad7' }.bands.max", contains(4, 9, 14, 21))
                .body("find { it.code == 'peg' }.scoring", equalTo("MEAN"))
                .body("find { it.code == 'peg' }.recallPeriod", equalTo("Past week"))
                .body("find { it.code == 'phq2' }.positiveScreenAt", equalTo(3));
    }

    @Test
    void shouldReadOneInstrumentForEveryRole() {
        String patient = TestData.enrollPatient();
        for (String token : List.of(TestData.clinicianToken(), TestData.adminToken(), TestData.patientToken(patient))) {
            TestData.as(token).when().get("/api/v1/instruments/gad7").then().statusCode(200)
                    .body("code", equalTo("gad7"))
                    .body("loincPanel", equalTo("69737-5"))
                    .body("loincScore", equalTo("70274-6"))
                    .body("items[0].options.label",
                            contains("Not at all", "Several days", "More than half the days", "Nearly every day"))
                    .body("items[0].options.value", contains(0, 1, 2, 3));
        }
    }

    @Test
    void shouldNotGetUnknownInstrument() {
        given().when().get("/api/v1/instruments/bpi").then().statusCode(404).contentType(PROBLEM)
                .body("detail", equalTo("Instrument not found"));
        given().when().get("/api/v1/instruments/PHQ9").then().statusCode(404);
        TestData.anonymous().when().get("/api/v1/instruments").then().statusCode(401);
    }

    @ParameterizedTest(name = "{0} {1} -> {2} {3} {4}")
    @CsvSource(delimiter = ';', value = {
            "peg; 0,0,0; 0.00; ; ",
            "peg; 10,10,10; 10.00; ; ",
            "peg; 5,4,4; 4.33; ; ",
            "phq9; 0,0,0,0,0,0,0,0,0; 0; MINIMAL; ",
            "phq9; 3,3,3,3,3,3,3,3,3; 27; SEVERE; ",
            "phq9; 3,3,3,1,0,0,0,0,0; 10; MODERATE; ",
            "phq9; 3,3,3,3,3,0,0,0,0; 15; MODERATELY_SEVERE; ",
            "gad7; 0,0,0,0,0,0,0; 0; MINIMAL; ",
            "gad7; 3,3,3,3,3,3,3; 21; SEVERE; ",
            "gad7; 3,2,0,0,0,0,0; 5; MILD; ",
            "phq2; 0,0; 0; ; false",
            "phq2; 1,1; 2; ; false",
            "phq2; 2,1; 3; ; true",
            "phq2; 3,3; 6; ; true"
    })
    void shouldScoreEachInstrument(String instrument, String answers, String score, String band, Boolean positive) {
        String patient = TestData.enrollPatient();
        Response created = post(patient, instrument, answers, AN_HOUR_AGO);
        created.then().statusCode(201)
                .header("Location", org.hamcrest.Matchers.endsWith("/api/v1/patients/" + patient
                        + "/questionnaire-responses/" + created.path("id")))
                .body("instrument", equalTo(instrument))
                .body("band", band == null ? nullValue() : equalTo(band))
                .body("positiveScreen", positive == null ? nullValue() : equalTo(positive));
        assertEquals(0, new BigDecimal(score).compareTo(new BigDecimal(created.jsonPath().getString("score"))));
        // every later read shows the same
        Response read = given().when().get("/api/v1/patients/{p}/questionnaire-responses/{r}", patient,
                created.path("id"));
        read.then().statusCode(200).body("answers.size()", equalTo(answers.split(",").length));
        assertEquals(created.jsonPath().getString("score"), read.jsonPath().getString("score"));
    }

    @ParameterizedTest(name = "{0} with {1} answers -> 422 /answers")
    @CsvSource(delimiter = ';', value = { "peg; 1,2", "peg; 1,2,3,4", "phq9; 0,0,0,0,0,0,0,0", "gad7; 0,0,0,0,0,0,0,0",
            "phq2; 1", "phq2; " })
    void shouldRefuseTheWrongNumberOfAnswers(String instrument, String answers) {
        String patient = TestData.enrollPatient();
        post(patient, instrument, answers == null ? "" : answers, AN_HOUR_AGO).then().statusCode(422)
                .contentType(PROBLEM).body("errors.pointer", contains("/answers"));
    }

    @Test
    void shouldPointAtEachAnswerOutOfRange() {
        String patient = TestData.enrollPatient();
        post(patient, "phq9", "0,4,0,0,0,0,0,0,-1", AN_HOUR_AGO).then().statusCode(422)
                .body("errors.pointer", contains("/answers/1", "/answers/8"))
                .body("errors[0].detail", equalTo("must be between 0 and 3"));
        post(patient, "peg", "11,0,10", AN_HOUR_AGO).then().statusCode(422)
                .body("errors.pointer", contains("/answers/0"));
        post(patient, "gad7", "0,0,0,0,0,0,4", AN_HOUR_AGO).then().statusCode(422)
                .body("errors.pointer", contains("/answers/6"));
        post(patient, "phq2", "0,9", AN_HOUR_AGO).then().statusCode(422)
                .body("errors.pointer", contains("/answers/1"));
        post(patient, "bdi", "0,1", AN_HOUR_AGO).then().statusCode(422).body("errors.pointer", contains("/instrument"));
        post(patient, "phq2", "0,1", Instant.now().plus(1, ChronoUnit.HOURS)).then().statusCode(422)
                .body("errors.pointer", contains("/recordedAt"));
        given().when().get("/api/v1/patients/{p}/questionnaire-responses", patient).then().statusCode(200)
                .body("items", hasSize(0));
    }

    @Test
    void shouldReplayAnIdenticalRetryAndRefuseADifferentOne() {
        String patient = TestData.enrollPatient();
        String id = UUID.randomUUID().toString();
        String body = "{\"id\": \"" + id + "\", \"instrument\": \"gad7\", \"answers\": [1,1,1,1,1,1,1], "
                + "\"recordedAt\": \"" + AN_HOUR_AGO + "\", \"context\": \"DAILY\"}";
        String url = "/api/v1/patients/{p}/questionnaire-responses";
        given().contentType(ContentType.JSON).body(body).post(url, patient).then().statusCode(201)
                .body("id", equalTo(id)).body("score", equalTo(7)).body("band", equalTo("MILD"));
        given().contentType(ContentType.JSON).body(body).post(url, patient).then().statusCode(200)
                .body("id", equalTo(id)).body("score", equalTo(7));
        given().contentType(ContentType.JSON).body(body.replace("[1,1,1,1,1,1,1]", "[1,1,1,1,1,1,2]"))
                .post(url, patient).then().statusCode(409).contentType(PROBLEM);
        given().when().get(url, patient).then().statusCode(200).body("items", hasSize(1));
    }

    @Test
    void shouldListNewestFirstFilteredAndPaged() {
        String patient = TestData.enrollPatient();
        Instant base = AN_HOUR_AGO.minus(10, ChronoUnit.DAYS);
        post(patient, "phq9", "1,0,0,0,0,0,0,0,0", base).then().statusCode(201);
        post(patient, "gad7", "1,0,0,0,0,0,0", base.plus(1, ChronoUnit.DAYS)).then().statusCode(201);
        post(patient, "phq9", "2,0,0,0,0,0,0,0,0", base.plus(2, ChronoUnit.DAYS)).then().statusCode(201);
        post(patient, "phq9", "3,0,0,0,0,0,0,0,0", base.plus(3, ChronoUnit.DAYS)).then().statusCode(201);
        String url = "/api/v1/patients/{p}/questionnaire-responses";
        given().when().get(url, patient).then().statusCode(200).body("score", nullValue())
                .body("items.instrument", contains("phq9", "phq9", "gad7", "phq9"));
        Response first = given().queryParam("instrument", "phq9").queryParam("limit", 2).when().get(url, patient);
        first.then().statusCode(200).body("items.score", contains(3, 2)).body("nextCursor", notNullValue());
        given().queryParam("instrument", "phq9").queryParam("limit", 2)
                .queryParam("cursor", first.jsonPath().getString("nextCursor")).when().get(url, patient)
                .then().statusCode(200).body("items.score", contains(1)).body("nextCursor", nullValue());
        given().queryParam("from", base.plus(1, ChronoUnit.DAYS).toString())
                .queryParam("to", base.plus(2, ChronoUnit.DAYS).toString()).when().get(url, patient)
                .then().statusCode(200).body("items.instrument", contains("phq9", "gad7"));
        given().queryParam("instrument", "bpi").when().get(url, patient).then().statusCode(422)
                .body("errors[0].parameter", equalTo("instrument"));
        given().when().get(url + "/{r}", patient, TestData.unknownId()).then().statusCode(404);
    }

    @Test
    void shouldLetThePatientRecordTheirOwn() {
        String patient = TestData.enrollPatient();
        String token = TestData.patientToken(patient);
        TestData.as(token).contentType(ContentType.JSON)
                .body("{\"instrument\": \"peg\", \"answers\": [6, 5, 4], \"recordedAt\": \"" + AN_HOUR_AGO + "\"}")
                .post("/api/v1/patients/{p}/questionnaire-responses", patient).then().statusCode(201);
        TestData.as(TestData.adminToken()).get("/api/v1/patients/{p}/questionnaire-responses", patient)
                .then().statusCode(403);
    }
}
