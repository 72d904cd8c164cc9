package com.infusionoutcomes.alert;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.infusionoutcomes.TestData;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Safety alerts over HTTP. Each test signs in as a clinician of its own, so GET /api/v1/alerts shows exactly the
 * alerts of the patients that test enrolled.
 */
@QuarkusTest
class AlertResourceTest {

    private static final Instant AN_HOUR_AGO = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);


    @AfterEach
    void signOut() {
        TestData.signOut();
    }

    private static Response phq9(String patientId, String answers) {
        return given().contentType(ContentType.JSON)
                .body("{\"instrument\": \"phq9\", \"answers\": [" + answers + "], \"recordedAt\": \"" + AN_HOUR_AGO
                        + "\"}")
                .when().post("/api/v1/patients/{p}/questionnaire-responses", patientId);
    }

    private static Response session(String patientId, String extra) {
        Instant start = AN_HOUR_AGO.minus(1, ChronoUnit.DAYS);
        return given().contentType(ContentType.JSON)
                .body("{\"status\": \"COMPLETED\", \"startedAt\": \"" + start + "\", \"endedAt\": \""
                        + start.plus(50, ChronoUnit.MINUTES) + "\"" + extra + "}")
                .when().post("/api/v1/patients/{p}/sessions", patientId);
    }

    private static String vital(Instant at, int systolic, int diastolic) {
        return "{\"at\": \"" + at + "\", \"systolic\": " + systolic + ", \"diastolic\": " + diastolic + "}";
    }

    private static Response alerts(String patientId) {
        return given().when().get("/api/v1/patients/{p}/alerts", patientId);
    }

    @Test
    void shouldShowASelfHarmAnswerAtTheTopOfTheCliniciansAlertsInTheNextRequest() {
        String clinician = TestData.signInAsNewClinician();
        String patient = TestData.enrollPatient();
        String other = TestData.enrollPatient();
        // an older HIGH alert on another patient of the same clinician
        session(other, ", \"vitals\": [" + vital(AN_HOUR_AGO.minus(1, ChronoUnit.DAYS), 185, 95) + "]")
                .then().statusCode(201);
        // the patient answers the PHQ-9 themself: total 1, only item 9 answered "several days"
        String patientToken = TestData.patientToken(patient, clinician);
        Response response = TestData.as(patientToken).contentType(ContentType.JSON)
                .body("{\"instrument\": \"phq9\", \"answers\": [0,0,0,0,0,0,0,0,1], \"recordedAt\": \"" + AN_HOUR_AGO
                        + "\"}")
                .post("/api/v1/patients/{p}/questionnaire-responses", patient);
        response.then().statusCode(201).body("score", equalTo(1)).body("band", equalTo("MINIMAL"));

        TestData.as(clinician).when().get("/api/v1/alerts").then().statusCode(200)
                .body("items", hasSize(2))
                .body("items[0].patientId", equalTo(patient))
                .body("items[0].rule", equalTo("SELF_HARM_RISK"))
                .body("items[0].severity", equalTo("URGENT"))
                .body("items[0].status", equalTo("OPEN"))
                .body("items[0].sourceType", equalTo("QuestionnaireResponse"))
                .body("items[0].sourceId", equalTo(response.path("id")))
                .body("items[0].triggerCount", equalTo(1))
                .body("items[1].rule", equalTo("BLOOD_PRESSURE"))
                .body("items[1].severity", equalTo("HIGH"));
        // the patient cannot see the alerts
        TestData.as(patientToken).when().get("/api/v1/alerts").then().statusCode(403);
    }

    @ParameterizedTest(name = "PHQ-9 {0} -> {1}")
    @CsvSource(delimiter = ';', value = {
            "0,0,0,0,0,0,0,0,0; ",
            "3,3,3,3,3,3,0,0,0; ",
            "3,3,3,3,3,3,1,0,0; ",
            "0,0,0,0,0,0,0,0,1; SELF_HARM_RISK",
            "0,0,0,0,0,0,0,0,3; SELF_HARM_RISK",
            "3,3,3,3,3,3,2,0,0; DEPRESSION_SEVERE",
            "3,3,3,3,3,3,3,3,3; SELF_HARM_RISK DEPRESSION_SEVERE"
    })
    void shouldRaisePhq9AlertsExactlyAtTheirThresholds(String answers, String rules) {
        TestData.signInAsNewClinician();
        String patient = TestData.enrollPatient();
        phq9(patient, answers).then().statusCode(201);
        List<String> expected = rules == null ? List.of() : List.of(rules.split(" "));
        alerts(patient).then().statusCode(200).body("items.rule", equalTo(expected));
    }

    @Test
    void shouldNotRaiseAlertsFromOtherInstruments() {
        TestData.signInAsNewClinician();
        String patient = TestData.enrollPatient();
        given().contentType(ContentType.JSON)
                .body("{\"instrument\": \"gad7\", \"answers\": [3,3,3,3,3,3,3], \"recordedAt\": \"" + AN_HOUR_AGO + "\"}")
                .post("/api/v1/patients/{p}/questionnaire-responses", patient).then().statusCode(201);
        given().contentType(ContentType.JSON)
                .body("{\"instrument\": \"phq2\", \"answers\": [3,3], \"recordedAt\": \"" + AN_HOUR_AGO + "\"}")
                .post("/api/v1/patients/{p}/questionnaire-responses", patient).then().statusCode(201);
        alerts(patient).then().statusCode(200).body("items", hasSize(0));
    }

    @ParameterizedTest(name = "{0}/{1} mmHg -> {2}")
    @CsvSource({ "179, 109, false", "180, 90, true", "150, 110, true", "179, 100, false" })
    void shouldRaiseBloodPressureAlertsAtTheThreshold(int systolic, int diastolic, boolean raised) {
        TestData.signInAsNewClinician();
        String patient = TestData.enrollPatient();
        session(patient, ", \"vitals\": [" + vital(AN_HOUR_AGO.minus(1, ChronoUnit.DAYS), 120, 80) + ", "
                + vital(AN_HOUR_AGO.minus(1, ChronoUnit.DAYS).plus(10, ChronoUnit.MINUTES), systolic, diastolic) + "]")
                .then().statusCode(201);
        alerts(patient).then().statusCode(200)
                .body("items.rule", equalTo(raised ? List.of("BLOOD_PRESSURE") : List.of()))
                .body("items.sourceType", equalTo(raised ? List.of("InfusionSession") : List.of()));
    }

    @ParameterizedTest(name = "side effect {0} -> {1}")
    @CsvSource({ "MILD, false", "MODERATE, false", "SEVERE, true" })
    void shouldRaiseSideEffectAlertsOnlyForSevere(String severity, boolean raised) {
        TestData.signInAsNewClinician();
        String patient = TestData.enrollPatient();
        String id = session(patient, "").then().statusCode(201).extract().path("id");
        alerts(patient).then().body("items", hasSize(0));
        given().contentType("application/merge-patch+json").header("If-Match", "\"1\"")
                .body("{\"sideEffects\": [{\"type\": \"NAUSEA\", \"severity\": \"" + severity + "\"}]}")
                .patch("/api/v1/patients/{p}/sessions/{s}", patient, id).then().statusCode(200);
        alerts(patient).then().statusCode(200)
                .body("items.rule", equalTo(raised ? List.of("SEVERE_SIDE_EFFECT") : List.of()));
        // an unrelated change to the session does not trigger again
        given().contentType("application/merge-patch+json").header("If-Match", "\"2\"").body("{\"notes\": \"checked\"}")
                .patch("/api/v1/patients/{p}/sessions/{s}", patient, id).then().statusCode(200);
        alerts(patient).then().body("items.triggerCount", equalTo(raised ? List.of(1) : List.of()));
    }

    @Test
    void shouldCountARepeatTriggerOnTheUnresolvedAlertAndRaiseANewOneAfterResolve() {
        TestData.signInAsNewClinician();
        String patient = TestData.enrollPatient();
        phq9(patient, "0,0,0,0,0,0,0,0,1").then().statusCode(201);
        String second = phq9(patient, "0,0,0,0,0,0,0,0,2").then().statusCode(201).extract().path("id");
        Response listed = alerts(patient);
        listed.then().body("items", hasSize(1)).body("items[0].triggerCount", equalTo(2))
                .body("items[0].sourceId", equalTo(second));
        String alert = listed.path("items[0].id");
        given().post("/api/v1/alerts/{a}/acknowledge", alert).then().statusCode(200);
        phq9(patient, "0,0,0,0,0,0,0,0,1").then().statusCode(201);
        alerts(patient).then().body("items", hasSize(1)).body("items[0].triggerCount", equalTo(3))
                .body("items[0].status", equalTo("ACKNOWLEDGED"));
        given().contentType(ContentType.JSON).body("{\"note\": \"Safety plan reviewed\"}")
                .post("/api/v1/alerts/{a}/resolve", alert).then().statusCode(200);
        phq9(patient, "0,0,0,0,0,0,0,0,1").then().statusCode(201);
        // Listed without a status: the unresolved only; the resolved one when asked for.
        alerts(patient).then().body("items", hasSize(1)).body("items.status", contains("OPEN"));
        given().queryParam("status", "RESOLVED").get("/api/v1/patients/{p}/alerts", patient).then()
                .body("items", hasSize(1)).body("items[0].id", equalTo(alert));
        given().queryParam("status", "OPEN").get("/api/v1/patients/{p}/alerts", patient).then()
                .body("items", hasSize(1)).body("items[0].triggerCount", equalTo(1));
    }

    @Test
    void shouldRaiseOneAlertForConcurrentTriggers() throws Exception {
        String clinician = TestData.signInAsNewClinician();
        String patient = TestData.enrollPatient();
        int n = 6;
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> results = new ArrayList<>();
        String body = "{\"instrument\": \"phq9\", \"answers\": [0,0,0,0,0,0,0,0,2], \"recordedAt\": \"" + AN_HOUR_AGO
                + "\"}";
        try {
            for (int i = 0; i < n; i++) {
                Callable<Integer> post = () -> {
                    start.await();
                    return TestData.as(clinician).contentType(ContentType.JSON).body(body)
                            .post("/api/v1/patients/{p}/questionnaire-responses", patient).statusCode();
                };
                results.add(pool.submit(post));
            }
            start.countDown();
            for (Future<Integer> r : results) {
                assertEquals(201, r.get());
            }
        } finally {
            pool.shutdownNow();
        }
        alerts(patient).then().statusCode(200).body("items", hasSize(1))
                .body("items[0].triggerCount", equalTo(n));
    }

    @Test
    void shouldAcknowledgeThenResolveRecordingWhoAndWhen() {
        String clinician = TestData.signInAsNewClinician();
        String payload = new String(java.util.Base64.getUrlDecoder().decode(clinician.split("\\.")[1]));
        String clinicianId = payload.replaceAll(".*\"sub\":\"([^\"]+)\".*", "$1");
        String patient = TestData.enrollPatient();
        phq9(patient, "0,0,0,0,0,0,0,0,1").then().statusCode(201);
        String alert = alerts(patient).path("items[0].id");
        given().post("/api/v1/alerts/{a}/acknowledge", alert).then().statusCode(200)
                .body("status", equalTo("ACKNOWLEDGED"))
                .body("acknowledgedAt", notNullValue())
                .body("acknowledgedBy", equalTo(clinicianId))
                .body("resolvedAt", nullValue());
        given().post("/api/v1/alerts/{a}/acknowledge", alert).then().statusCode(409)
                .contentType("application/problem+json");
        given().contentType(ContentType.JSON).body("{\"note\": \"\"}").post("/api/v1/alerts/{a}/resolve", alert)
                .then().statusCode(422).body("errors.pointer", contains("/note"));
        given().contentType(ContentType.JSON).body("{\"note\": \"Called; safety plan reviewed\", \"x\": 1}")
                .post("/api/v1/alerts/{a}/resolve", alert).then().statusCode(422);
        given().contentType(ContentType.JSON).body("{\"note\": \"Called; safety plan reviewed\"}")
                .post("/api/v1/alerts/{a}/resolve", alert).then().statusCode(200)
                .body("status", equalTo("RESOLVED"))
                .body("resolvedBy", equalTo(clinicianId))
                .body("resolvedAt", notNullValue())
                .body("resolutionNote", equalTo("Called; safety plan reviewed"))
                .body("acknowledgedBy", equalTo(clinicianId));
        given().contentType(ContentType.JSON).body("{\"note\": \"again\"}").post("/api/v1/alerts/{a}/resolve", alert)
                .then().statusCode(409);
        given().post("/api/v1/alerts/{a}/acknowledge", alert).then().statusCode(409);
        given().post("/api/v1/alerts/{a}/acknowledge", TestData.unknownId()).then().statusCode(404);
        // audited as Alert
        TestData.as(TestData.adminToken()).queryParam("patientId", patient).queryParam("limit", 500)
                .get("/api/v1/audit-events").then().statusCode(200)
                .body("items.findAll { it.resourceType == 'Alert' }.action",
                        org.hamcrest.Matchers.hasItems("CREATE", "UPDATE", "LIST"));
        TestData.signIn(clinician);
    }

    @Test
    void shouldHideAlertsOfPatientsOffTheCallersTeam() {
        TestData.signInAsNewClinician();
        String patient = TestData.enrollPatient();
        phq9(patient, "0,0,0,0,0,0,0,0,1").then().statusCode(201);
        String alert = alerts(patient).path("items[0].id");
        String outsider = TestData.signInAsNewClinician();
        TestData.as(outsider).get("/api/v1/alerts").then().statusCode(200).body("items", hasSize(0));
        TestData.as(outsider).post("/api/v1/alerts/{a}/acknowledge", alert).then().statusCode(404)
                .body("detail", equalTo("Alert not found"));
        TestData.as(outsider).get("/api/v1/patients/{p}/alerts", patient).then().statusCode(404);
        TestData.as(TestData.adminToken()).post("/api/v1/alerts/{a}/acknowledge", alert).then().statusCode(403);
    }

    @Test
    void shouldCountUnresolvedAlertsOnThePanel() {
        TestData.signInAsNewClinician();
        String alerted = TestData.enrollPatient("{\"displayName\": \"Alerted\"}");
        String quiet = TestData.enrollPatient("{\"displayName\": \"Quiet\"}");
        phq9(alerted, "3,3,3,3,3,3,2,0,1").then().statusCode(201); // SELF_HARM_RISK and DEPRESSION_SEVERE
        phq9(quiet, "1,0,0,0,0,0,0,0,0").then().statusCode(201);
        given().queryParam("domain", "pain").get("/api/v1/reports/panel").then().statusCode(200)
                .body("items.find { it.patientId == '" + alerted + "' }.openAlerts", equalTo(2))
                .body("items.find { it.patientId == '" + quiet + "' }.openAlerts", equalTo(0));
        String alert = alerts(alerted).path("items[0].id");
        given().post("/api/v1/alerts/{a}/acknowledge", alert).then().statusCode(200);
        given().queryParam("domain", "pain").get("/api/v1/reports/panel").then()
                .body("items.find { it.patientId == '" + alerted + "' }.openAlerts", equalTo(2));
        given().contentType(ContentType.JSON).body("{\"note\": \"done\"}").post("/api/v1/alerts/{a}/resolve", alert)
                .then().statusCode(200);
        given().queryParam("domain", "pain").get("/api/v1/reports/panel").then()
                .body("items.find { it.patientId == '" + alerted + "' }.openAlerts", equalTo(1));
    }

    @Test
    void shouldFilterAndPageTheCareTeamList() {
        TestData.signInAsNewClinician();
        String a = TestData.enrollPatient();
        String b = TestData.enrollPatient();
        phq9(a, "0,0,0,0,0,0,0,0,1").then().statusCode(201);
        phq9(b, "3,3,3,3,3,3,2,0,0").then().statusCode(201);
        phq9(b, "0,0,0,0,0,0,0,0,1").then().statusCode(201);
        Response first = given().queryParam("limit", 2).get("/api/v1/alerts");
        first.then().statusCode(200).body("items.severity", contains("URGENT", "URGENT"))
                .body("items.patientId", contains(a, b)).body("nextCursor", notNullValue());
        given().queryParam("limit", 2).queryParam("cursor", first.jsonPath().getString("nextCursor"))
                .get("/api/v1/alerts").then().statusCode(200).body("items.rule", contains("DEPRESSION_SEVERE"))
                .body("nextCursor", nullValue());
        given().queryParam("severity", "HIGH").get("/api/v1/alerts").then().body("items.patientId", contains(b));
        given().queryParam("rule", "SELF_HARM_RISK").get("/api/v1/alerts").then().body("items", hasSize(2));
        given().queryParam("status", "RESOLVED").get("/api/v1/alerts").then().body("items", hasSize(0));
        given().queryParam("status", "CLOSED").get("/api/v1/alerts").then().statusCode(422);
        given().queryParam("cursor", "nope").get("/api/v1/alerts").then().statusCode(400);
    }

    /** Repeated {@code status} values list a whole history in one call: the unresolved first, each part by severity. */
    @Test
    void shouldListTheWholeHistoryInOneCallUnresolvedFirst() {
        TestData.signInAsNewClinician();
        String a = TestData.enrollPatient();
        String b = TestData.enrollPatient();
        phq9(a, "3,3,3,3,3,3,2,0,1").then().statusCode(201); // SELF_HARM_RISK (URGENT) and DEPRESSION_SEVERE (HIGH)
        Response ofA = alerts(a);
        String urgentOfA = ofA.path("items.find { it.rule == 'SELF_HARM_RISK' }.id");
        String highOfA = ofA.path("items.find { it.rule == 'DEPRESSION_SEVERE' }.id");
        given().contentType(ContentType.JSON).body("{\"note\": \"Safety plan reviewed\"}")
                .post("/api/v1/alerts/{a}/resolve", urgentOfA).then().statusCode(200);
        given().post("/api/v1/alerts/{a}/acknowledge", highOfA).then().statusCode(200);
        phq9(b, "0,0,0,0,0,0,0,0,1").then().statusCode(201);
        String urgentOfB = alerts(b).path("items[0].id");

        // A resolved URGENT alert comes after the unresolved ones, whatever their severity.
        given().queryParam("status", "OPEN", "ACKNOWLEDGED", "RESOLVED").get("/api/v1/alerts").then().statusCode(200)
                .body("items.id", contains(urgentOfB, highOfA, urgentOfA))
                .body("items.status", contains("OPEN", "ACKNOWLEDGED", "RESOLVED"))
                .body("items[2].resolvedBy", notNullValue()).body("items[2].resolutionNote", equalTo("Safety plan reviewed"))
                .body("items[1].acknowledgedBy", notNullValue());
        // Paged one at a time, across the boundary between unresolved and resolved.
        List<String> paged = new ArrayList<>();
        String cursor = null;
        do {
            Response page = given().queryParam("status", "RESOLVED", "OPEN", "ACKNOWLEDGED").queryParam("limit", 1)
                    .queryParam("cursor", cursor == null ? "" : cursor).get("/api/v1/alerts");
            page.then().statusCode(200).body("items", hasSize(1));
            paged.add(page.path("items[0].id"));
            cursor = page.path("nextCursor");
        } while (cursor != null);
        assertEquals(List.of(urgentOfB, highOfA, urgentOfA), paged);
        // The patient's whole history in one call; a state left out stays out.
        given().queryParam("status", "OPEN", "ACKNOWLEDGED", "RESOLVED").get("/api/v1/patients/{p}/alerts", a).then()
                .statusCode(200).body("items.id", contains(highOfA, urgentOfA));
        given().queryParam("status", "OPEN", "RESOLVED").get("/api/v1/patients/{p}/alerts", a).then()
                .statusCode(200).body("items.id", contains(urgentOfA));
        // Without a status, the unresolved only, as before.
        alerts(a).then().body("items.id", contains(highOfA));
        given().queryParam("status", "OPEN", "CLOSED").get("/api/v1/alerts").then().statusCode(422)
                .contentType("application/problem+json");
    }
}
