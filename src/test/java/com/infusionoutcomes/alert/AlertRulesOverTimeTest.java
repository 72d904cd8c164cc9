package com.infusionoutcomes.alert;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.infusionoutcomes.TestData;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/**
 * The two rules that follow a course over time: WORSENING after each check-in, and the MISSED_CHECK_INS scan.
 * The scan takes its clock as an argument; these tests run it at instants in early 2020 with courses placed just
 * before, so no other test's patients (recorded in 2026) can qualify, and each run is later than the last so the
 * job's lease moves forward as it does in production.
 */
@QuarkusTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AlertRulesOverTimeTest {

    private static final Instant DAY_ZERO = Instant.parse("2020-03-01T12:00:00Z");

    @Inject
    MissedCheckInsJob job;


    @AfterEach
    void signOut() {
        TestData.signOut();
    }

    private static String checkIn(String patient, String context, String session, Instant at, String scores) {
        return given().contentType(ContentType.JSON).body("""
                {"context": "%s", "sessionId": %s, "recordedAt": "%s", "scores": %s}
                """.formatted(context, session == null ? "null" : "\"" + session + "\"", at, scores))
                .post("/api/v1/patients/{p}/check-ins", patient).then().statusCode(201).extract().path("id");
    }

    private static ValidatableResponse alertsOf(String patient, String rule) {
        return given().queryParam("rule", rule).get("/api/v1/patients/{p}/alerts", patient).then().statusCode(200);
    }

    /** The baseline is the first value (no infusion); the later values make up the whole current window. */
    @ParameterizedTest(name = "{0}: {1} then {2} -> raised {3}")
    @CsvSource({
            "pain, 5,  5 6, true",   // -10 %: WORSENED exactly at the boundary
            "pain, 5,  5,   false",  // 0 %
            "pain, 10, 10,  false",
            "mood, 10, 9,   true",   // -10 %
            "mood, 10, 10 9, false", // 0 %, then -5 % (each check-in is evaluated as it arrives)
            "sleep, 10, 2,  false",  // only pain and mood are watched
            "mobility, 8, 1, false",
    })
    void shouldRaiseWorseningExactlyWhenPainOrMoodIsWorsened(String domain, int baseline, String later,
            boolean raised) {
        TestData.signInAsNewClinician();
        String patient = TestData.enrollPatient();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        checkIn(patient, "DAILY", null, now.minus(20, ChronoUnit.DAYS), "{\"" + domain + "\": " + baseline + "}");
        Instant at = now.minus(1, ChronoUnit.DAYS);
        String last = null;
        for (String value : later.trim().split(" ")) {
            last = checkIn(patient, "DAILY", null, at, "{\"" + domain + "\": " + value + "}");
            at = at.plusSeconds(60);
        }

        ValidatableResponse alerts = alertsOf(patient, "WORSENING");
        if (raised) {
            alerts.body("items", hasSize(1)).body("items[0].severity", equalTo("HIGH"))
                    .body("items[0].status", equalTo("OPEN")).body("items[0].sourceId", equalTo(last))
                    .body("items[0].detail", containsString(domain + " " + baseline + " -> "));
        } else {
            alerts.body("items", hasSize(0));
        }
    }

    @Test
    void shouldIgnorePostInfusionValuesAndCountRepeatsOnTheOpenAlert() {
        String clinician = TestData.signInAsNewClinician();
        String patient = TestData.enrollPatient();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String session = TestData.completedSession(patient, now.minus(5, ChronoUnit.DAYS));
        checkIn(patient, "PRE_INFUSION", session, now.minus(5, ChronoUnit.DAYS).minusSeconds(600), "{\"pain\": 4}");
        // A bad hour right after an infusion is its acute effect, not a trend.
        checkIn(patient, "POST_INFUSION", session, now.minus(5, ChronoUnit.DAYS).plusSeconds(3600), "{\"pain\": 9}");
        alertsOf(patient, "WORSENING").body("items", hasSize(0));

        checkIn(patient, "DAILY", null, now.minus(2, ChronoUnit.DAYS), "{\"pain\": 8}");
        alertsOf(patient, "WORSENING").body("items", hasSize(1)).body("items[0].triggerCount", equalTo(1));
        checkIn(patient, "DAILY", null, now.minus(1, ChronoUnit.DAYS), "{\"pain\": 7, \"mood\": 5}");
        alertsOf(patient, "WORSENING").body("items", hasSize(1)).body("items[0].triggerCount", equalTo(2));
        // The same figures the trend endpoint reports: baseline 4 (the pre-infusion value), current the mean of
        // 4, 8 and 7 (the pre-infusion value is within 7 days of the latest), so (4 - 6.33) / 4 = -58.3 %.
        given().get("/api/v1/patients/{p}/trends/pain", patient).then().statusCode(200)
                .body("category", equalTo("WORSENED")).body("improvementPercent", equalTo(-58.3f));
        // Relief after the infusion ended with the first daily value, days ago, and nothing is booked: the
        // booster is overdue too (LOW, after the HIGH one).
        TestData.as(clinician).get("/api/v1/alerts").then().statusCode(200)
                .body("items.rule", contains("WORSENING", "BOOSTER_DUE"));
    }

    /**
     * Two months into a course the rule reads only the baseline window, the first infusion's pre-infusion report
     * and the last 15 days (TrendCategoryWindowTest): each of those reads is needed for the figures below. The
     * pre-infusion report was made 20 days before the infusion, outside the baseline window, and the value 9 days
     * ago is in the last 15 days but outside the final current window.
     */
    @Test
    void worseningTwoMonthsIntoACourseShouldUseTheBaselineAndTheLastWeekOnly() {
        TestData.signInAsNewClinician();
        String patient = TestData.enrollPatient("""
                {"displayName": "Long Course", "timezone": "UTC", "enrolledAt": "%s"}
                """.formatted(Instant.now().minus(120, ChronoUnit.DAYS)));
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant s = now.minus(60, ChronoUnit.DAYS);
        String session = TestData.completedSession(patient, s);
        String stable = ", \"mood\": 5}";
        checkIn(patient, "PRE_INFUSION", session, s.minus(20, ChronoUnit.DAYS), "{\"pain\": 1" + stable);
        checkIn(patient, "DAILY", null, s.minus(10, ChronoUnit.DAYS), "{\"pain\": 4" + stable);
        checkIn(patient, "DAILY", null, s.minus(3, ChronoUnit.DAYS), "{\"pain\": 4" + stable);
        for (int day = 1; day <= 41; day += 5) {
            checkIn(patient, "DAILY", null, s.plus(day, ChronoUnit.DAYS), "{\"pain\": 2" + stable);
        }
        checkIn(patient, "DAILY", null, now.minus(9, ChronoUnit.DAYS), "{\"pain\": 0" + stable);
        alertsOf(patient, "WORSENING").body("items", hasSize(0));

        // Baseline (1 + 4 + 4) / 3 = 3; current 0 and 8, so 4: -33.3 %.
        checkIn(patient, "DAILY", null, now.minus(180, ChronoUnit.HOURS), "{\"pain\": 8" + stable);
        alertsOf(patient, "WORSENING").body("items", hasSize(1)).body("items[0].triggerCount", equalTo(1))
                .body("items[0].detail", equalTo("Worse than baseline: pain 3 -> 4 (-33.3 %)"));
        checkIn(patient, "DAILY", null, now.minus(47, ChronoUnit.HOURS), "{\"pain\": 5" + stable);
        String last = checkIn(patient, "DAILY", null, now.minus(1, ChronoUnit.DAYS), "{\"pain\": 5" + stable);

        // Current: 8, 5 and 5 (the 0 of 9 days ago is more than 7 days before the latest), so 6: -100 %.
        alertsOf(patient, "WORSENING").body("items", hasSize(1)).body("items[0].triggerCount", equalTo(3))
                .body("items[0].sourceId", equalTo(last))
                .body("items[0].detail", equalTo("Worse than baseline: pain 3 -> 6 (-100 %)"));
        given().get("/api/v1/patients/{p}/trends/pain", patient).then().statusCode(200)
                .body("baseline.method", equalTo("PRE_TREATMENT_MEAN")).body("baseline.n", equalTo(3))
                .body("current.n", equalTo(3)).body("category", equalTo("WORSENED"))
                .body("improvementPercent", equalTo(-100));
    }

    /** One course of the scan's fixture: enrolled, one infusion, and maybe a last check-in. */
    private static String course(int enrolledDaysBefore, int infusionDaysBefore, Integer lastCheckInDaysBefore,
            Instant runAt) {
        String patient = TestData.enrollPatient("""
                {"displayName": "Scan Patient", "timezone": "UTC", "enrolledAt": "%s"}
                """.formatted(runAt.minus(enrolledDaysBefore, ChronoUnit.DAYS)));
        TestData.completedSession(patient, runAt.minus(infusionDaysBefore, ChronoUnit.DAYS));
        if (lastCheckInDaysBefore != null) {
            checkIn(patient, "DAILY", null, runAt.minus(lastCheckInDaysBefore, ChronoUnit.DAYS), "{\"sleep\": 6}");
        }
        return patient;
    }

    @Test
    @Order(1)
    void theScanShouldRaiseMissedCheckInsOnlyForSilentPatientsInActiveTreatment() {
        TestData.signInAsNewClinician();
        Instant run = DAY_ZERO;
        String silent = course(60, 20, 8, run);
        String reporting = course(60, 20, 6, run);
        String treatedLongAgo = course(200, 95, 30, run);
        String newAndQuiet = course(6, 3, null, run);
        String enrolledAndNeverReported = course(8, 3, null, run);

        assertEquals(2, job.run(run));

        alertsOf(silent, "MISSED_CHECK_INS").body("items", hasSize(1)).body("items[0].severity", equalTo("LOW"))
                .body("items[0].status", equalTo("OPEN"));
        alertsOf(enrolledAndNeverReported, "MISSED_CHECK_INS").body("items", hasSize(1));
        for (String quiet : List.of(reporting, treatedLongAgo, newAndQuiet)) {
            alertsOf(quiet, "MISSED_CHECK_INS").body("items", hasSize(0));
        }

        // Within the period the lease is held: a second instance's run does nothing.
        assertEquals(-1, job.run(run.plus(30, ChronoUnit.MINUTES)));
        // The next period: nothing new, and the open alerts are left as they were (no repeat counted).
        assertEquals(0, job.run(run.plus(1, ChronoUnit.HOURS)));
        alertsOf(silent, "MISSED_CHECK_INS").body("items", hasSize(1)).body("items[0].triggerCount", equalTo(1));

        // Resolved while the patient is still silent: the next run raises it again.
        String alert = alertsOf(silent, "MISSED_CHECK_INS").extract().path("items[0].id");
        given().contentType(ContentType.JSON).body("{\"note\": \"Called, phone was broken\"}")
                .post("/api/v1/alerts/{a}/resolve", alert).then().statusCode(200);
        assertEquals(1, job.run(run.plus(2, ChronoUnit.HOURS)));
        alertsOf(silent, "MISSED_CHECK_INS").body("items.status", contains("OPEN"));
        given().queryParam("rule", "MISSED_CHECK_INS").queryParam("status", "RESOLVED")
                .get("/api/v1/patients/{p}/alerts", silent).then().body("items.id", contains(alert));
    }

    @Test
    @Order(2)
    void twoInstancesFiringTogetherShouldRunTheScanOnce() throws Exception {
        TestData.signInAsNewClinician();
        Instant run = DAY_ZERO.plus(1, ChronoUnit.DAYS);
        String silent = course(60, 20, 8, run);

        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Callable<Integer>> both = List.of(() -> job.run(run), () -> job.run(run));
            List<Integer> outcomes = new ArrayList<>();
            for (Future<Integer> f : pool.invokeAll(both)) {
                outcomes.add(f.get());
            }
            // A day on, some of the first test's patients have fallen silent too: the winner raises them all.
            assertTrue(outcomes.contains(-1), "one run must find the lease taken: " + outcomes);
            assertTrue(outcomes.stream().anyMatch(raised -> raised >= 1), "the other does the work: " + outcomes);
        } finally {
            pool.shutdown();
        }
        alertsOf(silent, "MISSED_CHECK_INS").body("items", hasSize(1));
    }

    /**
     * A check-in ends the silence: by a single report or an offline batch, the open alert says since when and stays
     * open. A history synced late from before the silence does not end it; a withdrawn report does not count, and
     * the next run finds the condition holding again.
     */
    @Test
    @Order(3)
    void aCheckInShouldClearTheConditionOfAnOpenMissedCheckInsAlert() {
        TestData.signInAsNewClinician();
        Instant run = DAY_ZERO.plus(2, ChronoUnit.DAYS);
        String single = course(60, 20, 8, run);
        String synced = course(60, 20, 8, run);
        assertTrue(job.run(run) >= 2);
        for (String patient : List.of(single, synced)) {
            alertsOf(patient, "MISSED_CHECK_INS").body("items", hasSize(1))
                    .body("items[0].conditionClearedAt", nullValue());
        }

        // Reported before the silence began (a late sync of old days): the patient is still silent.
        checkIn(single, "DAILY", null, run.minus(9, ChronoUnit.DAYS), "{\"sleep\": 5}");
        TestData.syncCheckIns(synced, List.of(TestData.dailyPainItem(run.minus(10, ChronoUnit.DAYS), 4)));
        for (String patient : List.of(single, synced)) {
            alertsOf(patient, "MISSED_CHECK_INS").body("items[0].conditionClearedAt", nullValue());
        }

        // The patients report again today: sleep alone (no trend rule runs for it), and a batch from the phone.
        Instant beforeReports = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String today = checkIn(single, "DAILY", null, Instant.now().minus(1, ChronoUnit.HOURS), "{\"sleep\": 7}");
        TestData.syncCheckIns(synced, List.of(TestData.dailyPainItem(run.minus(3, ChronoUnit.DAYS), 4),
                TestData.dailyPainItem(Instant.now().minus(2, ChronoUnit.HOURS), 4)));
        for (String patient : List.of(single, synced)) {
            String cleared = alertsOf(patient, "MISSED_CHECK_INS").body("items", hasSize(1))
                    .body("items[0].status", equalTo("OPEN")).extract().path("items[0].conditionClearedAt");
            assertTrue(cleared != null && !Instant.parse(cleared).isBefore(beforeReports), patient + ": " + cleared);
        }
        // The printable report says so next to the alert, which stays in its list.
        String report = given().accept("text/html").get("/api/v1/patients/{p}/report", single).then().statusCode(200)
                .extract().asString();
        assertTrue(report.contains("No check-in for 7 days") && report.contains("condition no longer met since"),
                "the report shows the cleared condition");
        // A further report leaves the first mark as it was.
        String mark = alertsOf(single, "MISSED_CHECK_INS").extract().path("items[0].conditionClearedAt");
        checkIn(single, "DAILY", null, Instant.now().minus(30, ChronoUnit.MINUTES), "{\"sleep\": 8}");
        checkIn(single, "DAILY", null, Instant.now().minus(20, ChronoUnit.MINUTES), "{\"sleep\": 8}");
        alertsOf(single, "MISSED_CHECK_INS").body("items[0].conditionClearedAt", equalTo(mark));

        // The reports of today withdrawn: silent again, which the next run says by clearing the mark.
        withdraw(single, today);
        given().queryParam("limit", 500).get("/api/v1/patients/{p}/check-ins", single).then().statusCode(200)
                .extract().<List<java.util.Map<String, Object>>>path("items").stream()
                .filter(c -> "final".equals(c.get("status")) && Instant.parse((String) c.get("recordedAt"))
                        .isAfter(run))
                .forEach(c -> withdraw(single, (String) c.get("id")));
        job.run(run.plus(1, ChronoUnit.HOURS));
        alertsOf(single, "MISSED_CHECK_INS").body("items", hasSize(1)).body("items[0].triggerCount", equalTo(1))
                .body("items[0].conditionClearedAt", nullValue());
        alertsOf(synced, "MISSED_CHECK_INS").body("items[0].conditionClearedAt", notNullValue());
    }

    private static void withdraw(String patient, String checkIn) {
        int version = given().get("/api/v1/patients/{p}/check-ins/{c}", patient, checkIn).then().statusCode(200)
                .extract().path("version");
        given().header("If-Match", "\"" + version + "\"").contentType("application/merge-patch+json")
                .body("{\"status\": \"entered-in-error\"}")
                .patch("/api/v1/patients/{p}/check-ins/{c}", patient, checkIn).then().statusCode(200);
    }
}
