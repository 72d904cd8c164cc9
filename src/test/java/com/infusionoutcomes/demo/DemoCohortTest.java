package com.infusionoutcomes.demo;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.infusionoutcomes.TestData;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/** The cohort as a client sees it through the API, on the database the test profile cleaned at start. */
@QuarkusTest
@TestProfile(DemoCohortTest.DemoDataEnabled.class)
class DemoCohortTest {

    public static class DemoDataEnabled implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("infusion.demo-data.enabled", "true");
        }
    }

    @Inject
    DemoCohort cohort;

    @BeforeEach
    void signIn() {
        TestData.signIn(TestData.token("demo.clinician", DemoCohort.DEMO_PASSWORD_CLINICIAN));
    }

    @AfterEach
    void signOut() {
        TestData.signOut();
    }

    @Test
    void shouldGiveEveryDemoPatientALoginThatSeesOnlyTheirOwnRecord() {
        List<Map<String, Object>> patients = patients();
        for (Map<String, Object> patient : patients) {
            String login = ((String) patient.get("displayName")).split(" ")[0].toLowerCase() + ".demo";
            String token = TestData.token(login, DemoCohort.DEMO_PASSWORD_PATIENT);
            TestData.as(token).when().get("/api/v1/patients/{id}", patient.get("id"))
                    .then().statusCode(200);
            patients.stream().filter(other -> other != patient).forEach(other -> TestData.as(token)
                    .when().get("/api/v1/patients/{id}", other.get("id")).then().statusCode(404));
        }
        TestData.as(TestData.token("demo.admin", DemoCohort.DEMO_PASSWORD_ADMIN))
                .when().get("/api/v1/users").then().statusCode(200);
    }

    @Test
    void shouldLoadThreeFictionalPatientsInDistinctTimezones() {
        List<Map<String, Object>> patients = patients();
        assertTrue(patients.size() >= 3, "patients: " + patients.size());
        assertEquals(patients.size(), new HashSet<>(patients.stream().map(p -> p.get("timezone")).toList()).size());
        patients.forEach(p -> assertTrue(((String) p.get("externalId")).startsWith("DEMO-")));
    }

    @Test
    void shouldGiveEveryPatientSixCompletedInfusionsNumberedInOrder() {
        for (Map<String, Object> patient : patients()) {
            List<Map<String, Object>> completed = sessions(patient).stream()
                    .filter(s -> "COMPLETED".equals(s.get("status"))).toList();
            assertEquals(6, completed.size(), patient.get("externalId") + " completed sessions");
            assertEquals(IntStream.rangeClosed(1, 6).boxed().toList(),
                    completed.stream().map(s -> (Integer) s.get("number")).toList());
            for (Map<String, Object> session : completed) {
                long minutes = Duration.between(instant(session.get("startedAt")), instant(session.get("endedAt")))
                        .toMinutes();
                assertTrue(minutes >= 40 && minutes <= 60, "infusion minutes " + minutes);
                assertNotNull(session.get("totalDoseMg"), "total dose derived from weight and dose");
            }
        }
    }

    @Test
    void shouldScheduleABoosterAWeekAheadForTheResponderOnly() {
        for (Map<String, Object> patient : patients()) {
            List<Map<String, Object>> scheduled = sessions(patient).stream()
                    .filter(s -> "SCHEDULED".equals(s.get("status"))).toList();
            if (!"DEMO-001".equals(patient.get("externalId"))) {
                assertTrue(scheduled.isEmpty(), patient.get("externalId") + " has a booster");
                continue;
            }
            assertEquals(1, scheduled.size());
            Duration ahead = Duration.between(Instant.now(), instant(scheduled.get(0).get("scheduledAt")));
            assertTrue(ahead.compareTo(Duration.ofDays(6)) > 0 && ahead.compareTo(Duration.ofDays(8)) < 0,
                    "booster in " + ahead);
        }
    }

    @Test
    void shouldRecordSixWeeksOfCheckInsNoneInTheFuture() {
        Instant now = Instant.now();
        for (Map<String, Object> patient : patients()) {
            List<Map<String, Object>> checkIns = checkIns(patient);
            List<Instant> times = checkIns.stream().map(c -> instant(c.get("recordedAt"))).sorted().toList();
            assertTrue(Duration.between(times.get(0), times.get(times.size() - 1)).toDays() >= 42,
                    patient.get("externalId") + " spans " + Duration.between(times.get(0), times.get(times.size() - 1)));
            times.forEach(t -> assertFalse(t.isAfter(now), "recorded in the future: " + t));
            assertEquals(12, checkIns.stream().filter(c -> !"DAILY".equals(c.get("context"))).count(),
                    "one pre- and one post-infusion report per session");
        }
    }

    @Test
    void shouldShowTheResponderHalvingPainAndTheNonResponderUnchanged() {
        Instant now = Instant.now();
        Map<String, Map<String, Object>> byExternalId = new HashMap<>();
        patients().forEach(p -> byExternalId.put((String) p.get("externalId"), p));

        assertTrue(painChangePercent(byExternalId.get("DEMO-001"), now) <= -50, "responder");
        double partial = painChangePercent(byExternalId.get("DEMO-002"), now);
        assertTrue(partial <= -15 && partial >= -45, "partial responder " + partial);
        assertTrue(Math.abs(painChangePercent(byExternalId.get("DEMO-003"), now)) <= 10, "non-responder");
    }

    @Test
    void shouldNotLoadAgainOnceThereArePatients() {
        int before = patients().size();
        assertFalse(cohort.load(Instant.now()));
        assertEquals(before, patients().size());
    }

    /**
     * Mean pain of the last 7 days against the trend baseline (the 14 days before the first
     * infusion, which are the patient's first 14 days here), over longitudinal values (DAILY and PRE_INFUSION).
     */
    private static double painChangePercent(Map<String, Object> patient, Instant now) {
        Instant firstStart = sessions(patient).stream().filter(s -> Integer.valueOf(1).equals(s.get("number")))
                .map(s -> instant(s.get("startedAt"))).findFirst().orElseThrow();
        List<Map<String, Object>> longitudinal = checkIns(patient).stream()
                .filter(c -> !"POST_INFUSION".equals(c.get("context"))).toList();
        double baseline = meanPain(longitudinal, firstStart.minus(Duration.ofDays(14)), firstStart);
        double recent = meanPain(longitudinal, now.minus(Duration.ofDays(7)), now);
        return (recent - baseline) / baseline * 100;
    }

    @SuppressWarnings("unchecked")
    private static double meanPain(List<Map<String, Object>> checkIns, Instant from, Instant to) {
        return checkIns.stream().filter(c -> {
            Instant at = instant(c.get("recordedAt"));
            return !at.isBefore(from) && !at.isAfter(to);
        }).mapToInt(c -> (Integer) ((Map<String, Object>) c.get("scores")).get("pain")).average().orElseThrow();
    }

    private static List<Map<String, Object>> patients() {
        JsonPath page = given().queryParam("limit", 500).when().get("/api/v1/patients")
                .then().statusCode(200).extract().jsonPath();
        assertNull(page.getString("nextCursor"));
        return page.getList("items");
    }

    private static List<Map<String, Object>> sessions(Map<String, Object> patient) {
        return given().when().get("/api/v1/patients/{id}/sessions", patient.get("id"))
                .then().statusCode(200).extract().jsonPath().getList("items");
    }

    /** Every check-in, following the cursor: a page is smaller than a patient's history on purpose. */
    private static List<Map<String, Object>> checkIns(Map<String, Object> patient) {
        List<Map<String, Object>> all = new ArrayList<>();
        String cursor = null;
        do {
            var request = given().queryParam("limit", 50);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.when().get("/api/v1/patients/{id}/check-ins", patient.get("id"))
                    .then().statusCode(200).extract().jsonPath();
            all.addAll(page.getList("items"));
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        return all;
    }

    private static Instant instant(Object value) {
        return Instant.parse((String) value);
    }
}
