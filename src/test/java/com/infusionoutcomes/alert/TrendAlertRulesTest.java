package com.infusionoutcomes.alert;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.infusionoutcomes.TestData;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;

/**
 * The rules that read a trend, decided on the patient's state after each write: BOOSTER_DUE from the pain booster
 * forecast, and WORSENING whatever order a history arrives in; an alert whose condition stops holding says so
 * and stays open.
 */
@QuarkusTest
class TrendAlertRulesTest {

    /** Yesterday at 10:00 UTC: every instant of these courses is before it, so none is in the future. */
    private static final Instant YESTERDAY = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(1, ChronoUnit.DAYS)
            .plus(10, ChronoUnit.HOURS);

    @Inject
    BoosterDueJob job;

    @BeforeEach
    void signIn() {
        TestData.signInAsNewClinician();
    }

    @AfterEach
    void signOut() {
        TestData.signOut();
    }

    private static Instant daysAgo(int days) {
        return YESTERDAY.minus(days, ChronoUnit.DAYS);
    }

    private static String utcPatient() {
        return TestData.enrollPatient("""
                {"displayName": "Booster Course", "timezone": "UTC", "enrolledAt": "%s"}
                """.formatted(daysAgo(90)));
    }

    /** An infusion of 50 minutes that ends at {@code end}. */
    private static String infusionEndingAt(String patient, Instant end) {
        return TestData.completedSession(patient, end.minus(50, ChronoUnit.MINUTES));
    }

    /** A pain of 8 on each of the 10 days before {@code until}: the baseline. */
    private static void baseline(List<String> items, Instant until) {
        for (int day = 10; day >= 1; day--) {
            items.add(TestData.dailyPainItem(until.minus(day, ChronoUnit.DAYS), 8));
        }
    }

    /** Pain 3 (relief) on each day after {@code end}, then 8 exactly {@code days} days after it. */
    private static void relief(List<String> items, Instant end, int days) {
        for (int day = 1; day <= days; day++) {
            items.add(TestData.dailyPainItem(end.plus(day, ChronoUnit.DAYS), day == days ? 8 : 3));
        }
    }

    private static ValidatableResponse alerts(String patient, String rule) {
        return given().queryParam("rule", rule).get("/api/v1/patients/{p}/alerts", patient).then().statusCode(200);
    }

    private static JsonPath painForecast(String patient) {
        return given().get("/api/v1/patients/{p}/trends/pain", patient).then().statusCode(200).extract().jsonPath()
                .setRootPath("boosterForecast");
    }

    private static LocalDate date(Instant instant) {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC);
    }

    /**
     * Relief of 14, 12 and 16 days after three infusions, then a fourth that ended 13 days ago (12 days before
     * yesterday): due 14 days after it, tomorrow, within the default 3 days. The history arrives as one offline
     * batch after the sessions, in no particular order, so the batch is the write that makes it due.
     */
    @Test
    void aForecastDueSoonShouldRaiseBoosterDueOnceAndSayWhenABookingCoversIt() {
        String patient = utcPatient();
        Instant end1 = daysAgo(70);
        Instant end2 = daysAgo(50);
        Instant end3 = daysAgo(30);
        Instant end4 = daysAgo(12);
        String first = infusionEndingAt(patient, end1);
        String second = infusionEndingAt(patient, end2);
        String third = infusionEndingAt(patient, end3);
        String fresh = infusionEndingAt(patient, end4);
        alerts(patient, "BOOSTER_DUE").body("items", hasSize(0)); // nothing reported yet: no forecast
        List<String> items = new ArrayList<>();
        baseline(items, end1);
        relief(items, end1, 14);
        relief(items, end2, 12);
        relief(items, end3, 16);
        Collections.shuffle(items, new Random(18));
        TestData.syncCheckIns(patient, items);

        JsonPath forecast = painForecast(patient);
        assertEquals("FORECAST", forecast.getString("status"));
        assertEquals(date(end4).plusDays(14).toString(), forecast.getString("dueOn"));
        assertEquals(14, forecast.getInt("expectedReliefDays"));
        assertEquals(List.of(third, second, first), forecast.getList("basedOnSessionIds"));
        assertEquals(false, forecast.getBoolean("covered"));
        alerts(patient, "BOOSTER_DUE").body("items", hasSize(1)).body("items[0].severity", equalTo("LOW"))
                .body("items[0].sourceId", equalTo(fresh)).body("items[0].triggerCount", equalTo(1))
                .body("items[0].conditionClearedAt", nullValue());

        // Once per latest infusion: a further report (relief so far) is no new trigger.
        TestData.dailyCheckIn(patient, end4.plus(1, ChronoUnit.DAYS), 3);
        alerts(patient, "BOOSTER_DUE").body("items", hasSize(1)).body("items[0].triggerCount", equalTo(1));
        assertEquals(1, painForecast(patient).getInt("reliefHeldAtLeastDays"));

        // A booking on the due date covers it: the alert says so and stays open for a clinician to close.
        String booking = TestData.scheduledSession(patient,
                date(end4).plusDays(14).atTime(9, 0).toInstant(ZoneOffset.UTC));
        assertEquals(true, painForecast(patient).getBoolean("covered"));
        alerts(patient, "BOOSTER_DUE").body("items", hasSize(1)).body("items[0].status", equalTo("OPEN"))
                .body("items[0].conditionClearedAt", notNullValue());
        // The panel's booster column shows the same.
        given().queryParam("sort", "boosterDueOn").queryParam("limit", 100).get("/api/v1/reports/panel").then()
                .statusCode(200).body("items.find { it.patientId == '%s' }.boosterDueOn".formatted(patient),
                        equalTo(date(end4).plusDays(14).toString()))
                .body("items.find { it.patientId == '%s' }.boosterCovered".formatted(patient), equalTo(true));

        // Cancelled: it holds again.
        given().contentType("application/merge-patch+json").header("If-Match", "*")
                .body("{\"status\": \"CANCELLED\"}").patch("/api/v1/patients/{p}/sessions/{s}", patient, booking)
                .then().statusCode(200);
        alerts(patient, "BOOSTER_DUE").body("items", hasSize(1)).body("items[0].conditionClearedAt", nullValue())
                .body("items[0].triggerCount", equalTo(1));

        // Resolved by a clinician, it is not raised again for the same infusion.
        String alert = alerts(patient, "BOOSTER_DUE").extract().path("items[0].id");
        given().contentType(ContentType.JSON).body("{\"note\": \"Booster booked by phone\"}")
                .post("/api/v1/alerts/{a}/resolve", alert).then().statusCode(200);
        TestData.dailyCheckIn(patient, end4.plus(2, ChronoUnit.DAYS), 3);
        alerts(patient, "BOOSTER_DUE").body("items", hasSize(0));
        given().queryParam("status", "RESOLVED").queryParam("rule", "BOOSTER_DUE")
                .get("/api/v1/patients/{p}/alerts", patient).then().statusCode(200).body("items", hasSize(1));
    }

    /** A relief that ended long ago, with no booking: overdue, raised by the write that shows it ended. */
    @Test
    void aLatestReliefThatEndedShouldBeDueWhenItEnded() {
        String patient = utcPatient();
        Instant end = daysAgo(20);
        String only = infusionEndingAt(patient, end);
        List<String> items = new ArrayList<>();
        baseline(items, end);
        TestData.syncCheckIns(patient, items);
        alerts(patient, "BOOSTER_DUE").body("items", hasSize(0));
        TestData.dailyCheckIn(patient, end.plus(5, ChronoUnit.DAYS), 8); // relief ended (never began) at 5 days

        JsonPath forecast = painForecast(patient);
        assertEquals("RELIEF_ENDED", forecast.getString("status"));
        assertEquals(date(end).plusDays(5).toString(), forecast.getString("dueOn"));
        assertEquals(List.of(only), forecast.getList("basedOnSessionIds"));
        alerts(patient, "BOOSTER_DUE").body("items", hasSize(1)).body("items[0].sourceId", equalTo(only));
    }

    /** The scan raises a forecast that no write made due, once the days have passed, and only once. */
    @Test
    void theScanShouldRaiseBoosterDueAsTheDueDateComesClose() {
        String patient = utcPatient();
        Instant end1 = daysAgo(40);
        Instant end2 = daysAgo(4);
        infusionEndingAt(patient, end1);
        String latest = infusionEndingAt(patient, end2);
        List<String> items = new ArrayList<>();
        baseline(items, end1);
        relief(items, end1, 14);
        TestData.syncCheckIns(patient, items);
        // Due 14 days after the latest infusion, 10 days after yesterday: not yet.
        assertEquals(date(end2).plusDays(14).toString(), painForecast(patient).getString("dueOn"));
        alerts(patient, "BOOSTER_DUE").body("items", hasSize(0));

        Instant later = Instant.now().truncatedTo(ChronoUnit.MICROS).plus(8, ChronoUnit.DAYS);
        int raised = job.run(later);
        alerts(patient, "BOOSTER_DUE").body("items", hasSize(1)).body("items[0].sourceId", equalTo(latest));
        assertEquals(true, raised >= 1, "raised " + raised);
        job.run(later.plus(2, ChronoUnit.HOURS));
        alerts(patient, "BOOSTER_DUE").body("items", hasSize(1)).body("items[0].triggerCount", equalTo(1));
    }

    /**
     * A week of reports synced late, after the patient recovered: decided on the course as it stands, in whatever
     * order the items arrive, no WORSENING is raised. Reported one by one in time order, the worse days raise it
     * when they arrive, and the recovery marks it cleared without closing it; a relapse clears the mark.
     */
    @Test
    void worseningShouldBeDecidedOnTheWholeCourseAfterTheWriteAndClearWhenItRecovers() {
        String synced = utcPatient();
        String oneByOne = utcPatient();
        Instant start = daysAgo(30);
        infusionEndingAt(synced, start);
        infusionEndingAt(oneByOne, start);
        List<String> history = new ArrayList<>();
        baseline(history, start);
        history.add(TestData.dailyPainItem(daysAgo(20), 10)); // worse than baseline 8 ...
        history.add(TestData.dailyPainItem(daysAgo(19), 10));
        for (int day = 14; day >= 8; day--) {
            history.add(TestData.dailyPainItem(daysAgo(day), 4)); // ... then much better for a week
        }
        List<String> shuffled = new ArrayList<>(history);
        Collections.shuffle(shuffled, new Random(7));
        TestData.syncCheckIns(synced, shuffled);
        alerts(synced, "WORSENING").body("items", hasSize(0));
        given().get("/api/v1/patients/{p}/trends/pain", synced).then().body("category", equalTo("SUBSTANTIAL"));

        for (String item : history) {
            JsonPath json = JsonPath.from(item);
            TestData.dailyCheckIn(oneByOne, Instant.parse(json.getString("recordedAt")), json.getInt("scores.pain"));
            if (json.getString("recordedAt").equals(daysAgo(19).toString())) {
                alerts(oneByOne, "WORSENING").body("items", hasSize(1))
                        .body("items[0].conditionClearedAt", nullValue());
            }
        }
        alerts(oneByOne, "WORSENING").body("items", hasSize(1)).body("items[0].status", equalTo("OPEN"))
                .body("items[0].conditionClearedAt", notNullValue());

        // A relapse: the last 7 days are all 10 again.
        TestData.dailyCheckIn(oneByOne, daysAgo(1), 10);
        TestData.dailyCheckIn(oneByOne, daysAgo(0), 10);
        given().get("/api/v1/patients/{p}/trends/pain", oneByOne).then().body("category", equalTo("WORSENED"));
        alerts(oneByOne, "WORSENING").body("items", hasSize(1)).body("items[0].conditionClearedAt", nullValue());
    }

    /** Without a status filter, only unresolved alerts, most severe first; resolved ones when asked for. */
    @Test
    void listingShouldShowUnresolvedAlertsBySeverityAndResolvedOnlyWhenAsked() {
        String clinician = TestData.signInAsNewClinician();
        String patient = TestData.enrollPatient();
        // A PHQ-9 of 20 with item 9 answered 2: SELF_HARM_RISK (URGENT) and DEPRESSION_SEVERE (HIGH).
        given().contentType(ContentType.JSON).body("""
                {"instrument": "phq9", "answers": [3, 3, 3, 3, 3, 3, 0, 0, 2], "recordedAt": "%s"}
                """.formatted(Instant.now())).post("/api/v1/patients/{p}/questionnaire-responses", patient)
                .then().statusCode(201);
        String urgent = alerts(patient, "SELF_HARM_RISK").extract().path("items[0].id");
        TestData.as(clinician).contentType(ContentType.JSON).body("{\"note\": \"Seen the same day\"}")
                .post("/api/v1/alerts/{a}/resolve", urgent).then().statusCode(200);
        String session = TestData.completedSession(patient, 2);
        given().contentType("application/merge-patch+json").header("If-Match", "*").body("""
                {"vitals": [{"at": "%s", "systolic": 190, "diastolic": 100}]}
                """.formatted(Instant.now().minus(2, ChronoUnit.DAYS).plusSeconds(600)))
                .patch("/api/v1/patients/{p}/sessions/{s}", patient, session).then().statusCode(200);

        TestData.as(clinician).get("/api/v1/alerts").then().statusCode(200)
                .body("items.rule", equalTo(List.of("DEPRESSION_SEVERE", "BLOOD_PRESSURE")))
                .body("items.status", equalTo(List.of("OPEN", "OPEN")));
        TestData.as(clinician).queryParam("status", "RESOLVED").get("/api/v1/alerts").then().statusCode(200)
                .body("items.rule", equalTo(List.of("SELF_HARM_RISK")))
                .body("items[0].resolutionNote", equalTo("Seen the same day"));
    }
}
