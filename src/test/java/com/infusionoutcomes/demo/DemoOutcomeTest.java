package com.infusionoutcomes.demo;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.infusionoutcomes.TestData;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/**
 * The demo cohort's outcomes against its patients' own trends: every figure is recomputed here from what the
 * per-patient trend endpoint answers for the same {@code to} (the product-limit steps by the plain textbook rule,
 * in doubles), so the outcomes can only pass by adding up the patients' figures.
 */
@QuarkusTest
@TestProfile(DemoCohortTest.DemoDataEnabled.class)
class DemoOutcomeTest {

    @BeforeEach
    void signIn() {
        TestData.signIn(TestData.token("demo.clinician", DemoCohort.DEMO_PASSWORD_CLINICIAN));
    }

    @AfterEach
    void signOut() {
        TestData.signOut();
    }

    private record Durability(double days, boolean censored) {
    }

    @ParameterizedTest
    @ValueSource(strings = { "pain", "mood", "sleep" })
    void shouldAddUpThePatientsOwnTrends(String domain) {
        Instant to = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        List<String> ids = given().queryParam("limit", 100).when().get("/api/v1/patients")
                .then().statusCode(200).extract().jsonPath().getList("items.id");
        assertEquals(3, ids.size(), "the demo cohort");
        List<JsonPath> trends = ids.stream().map(id -> given().queryParam("to", to.toString())
                .when().get("/api/v1/patients/{p}/trends/{d}", id, domain)
                .then().statusCode(200).extract().jsonPath()).toList();

        JsonPath o = given().queryParam("domain", domain).queryParam("to", to.toString())
                .when().get("/api/v1/outcomes").then().statusCode(200).extract().jsonPath();

        List<Integer> completed = trends.stream().map(t -> t.getList("sessions").size()).toList();
        int started = (int) completed.stream().filter(n -> n > 0).count();
        assertEquals(3, started);
        assertEquals(started, o.getInt("started"));
        for (int k = 1; k <= 6; k++) {
            int atLeast = k;
            assertEquals((int) completed.stream().filter(n -> n >= atLeast).count(),
                    o.getInt("retention[" + (k - 1) + "].patients"), "at least " + k);
        }

        Map<String, Integer> categories = new TreeMap<>();
        trends.forEach(t -> categories.merge(t.getString("category"), 1, Integer::sum));
        for (Map<String, Object> count : o.<Map<String, Object>>getList("categories")) {
            assertEquals(categories.getOrDefault((String) count.get("category"), 0), count.get("patients"),
                    count.toString());
        }
        int insufficient = categories.getOrDefault("INSUFFICIENT_DATA", 0);
        int responders = categories.getOrDefault("SUBSTANTIAL", 0) + categories.getOrDefault("MODERATE", 0);
        assertEquals(responders, o.getInt("response.patients"));
        assertEquals(3 - insufficient, o.getInt("response.of"));

        for (int n = 1; n <= 7; n++) {
            List<Durability> times = new ArrayList<>();
            int infusions = 0;
            for (JsonPath t : trends) {
                for (Map<String, Object> s : t.<Map<String, Object>>getList("sessions")) {
                    int number = (Integer) s.get("number");
                    if (n < 7 ? number == n : number >= n) {
                        infusions++;
                        if (s.get("durabilityDays") != null) {
                            times.add(new Durability(Double.parseDouble(s.get("durabilityDays").toString()),
                                    (Boolean) s.get("durabilityCensored")));
                        }
                    }
                }
            }
            assertCurve(o, n, infusions, times);
        }
        // The demo records no PHQ-9.
        assertEquals(0, o.getInt("phq9.eligible"));
        assertNull(o.get("phq9.response.percent"));
    }

    /** Kaplan-Meier by the textbook: at each distinct time, S *= (at risk − ended) / at risk. */
    private static void assertCurve(JsonPath o, int n, int infusions, List<Durability> times) {
        String g = "durability[" + (n - 1) + "]";
        assertEquals(infusions, o.getInt(g + ".infusions"), g);
        assertEquals(times.size(), o.getInt(g + ".measured"), g);
        assertEquals((int) times.stream().filter(Durability::censored).count(), o.getInt(g + ".censored"), g);
        List<Double> distinct = times.stream().map(Durability::days).distinct().sorted(Comparator.naturalOrder())
                .toList();
        List<Map<String, Object>> curve = o.getList(g + ".curve");
        assertEquals(distinct.size(), curve.size(), g + " " + curve);
        double survival = 1;
        Double median = null;
        for (int i = 0; i < distinct.size(); i++) {
            double t = distinct.get(i);
            int atRisk = (int) times.stream().filter(d -> d.days() >= t).count();
            int ended = (int) times.stream().filter(d -> d.days() == t && !d.censored()).count();
            survival *= (atRisk - ended) / (double) atRisk;
            if (median == null && ended > 0 && survival <= 0.5 + 1e-12) {
                median = t;
            }
            Map<String, Object> point = curve.get(i);
            assertEquals(t, Double.parseDouble(point.get("days").toString()), g + " " + point);
            assertEquals(atRisk, point.get("atRisk"), g + " " + point);
            assertEquals(ended, point.get("events"), g + " " + point);
            assertEquals(survival, Double.parseDouble(point.get("survival").toString()), 5e-5, g + " " + point);
        }
        String actual = o.getString(g + ".medianDays");
        assertEquals(median, actual == null ? null : Double.valueOf(actual), g + " median");
    }
}
