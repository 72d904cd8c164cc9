package com.infusionoutcomes.outcome;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

import com.infusionoutcomes.Rfc4180;
import com.infusionoutcomes.TestData;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * A hand-built caseload whose every figure is worked out below. Pain, lower is better; relief is a value at
 * least 30 % better than baseline; each infusion runs 50 minutes, so Ek = Sk + 50 min, and a durability is the
 * time from Ek to the first value that is not relief (or to the last value, censored), before the next infusion.
 * T0 is 60 days ago; the window is from = T0 − 1 d to = T0 + 40 d.
 *
 * <pre>
 * P1 baseline 8 (T0−1d); infusions at T0 + 0, 2, 4, 6, 8, 10, 20 d (relief: pain ≤ 5.6)
 *    E1+1d 4, E1+1.5d 6 (25 %)            -> infusion 1: 1.5 ended
 *    E2+1d 3                              -> infusion 2: 1.0 censored
 *    E3+0.5d 3, E3+1d 7                   -> infusion 3: 1.0 ended
 *    E4+1.5d 2                            -> infusion 4: 1.5 censored
 *    E5+1d 2, E5+1.5d 6                   -> infusion 5: 1.5 ended
 *    E6+2d 2, E6+5d 3, E6+8d 6            -> infusion 6: 8.0 ended
 *    E7+3d 2 (E7+25d 9 is after to)       -> infusion 7: 3.0 censored
 *    current: latest T0+23d 50m; 7 days back: 6 (T0+18d 50m) and 2 -> 4; (8 − 4) / 8 = 50 % SUBSTANTIAL
 * P2 baseline 5 (T0−2d); infusions at T0 + 1, 3, 5 d (relief: pain ≤ 3.5)
 *    E1+0.5d 3, E1+1d 6 -> 1.0 ended; E2+0.5d 3, E2+1.5d 7 -> 1.5 ended; E3+2d 9 -> 2.0 ended
 *    current: 3, 6, 3, 7, 9 -> 28 / 5 = 5.6; (5 − 5.6) / 5 = −12 % WORSENED
 * P3 baseline 6 (T0−10d); one infusion at T0 + 2 d; E1+1d 3, E1+1.2d 4 (33.3 %) -> 1.2 censored
 *    current: 3 and 4 -> 3.5 (the baseline is 10 days older); (6 − 3.5) / 6 = 41.7 % MODERATE
 * P4 baseline 5 (T0−1d); infusions at T0 + 0, 7 d; E1+3d 5 (0 %) -> 3.0 ended; E2+1d 2 -> 1.0 censored
 *    current: 5 (T0+3d 50m) and 2 -> 3.5; (5 − 3.5) / 5 = exactly 30 % MODERATE
 * P5 one infusion at T0 + 3 d, no check-ins: INSUFFICIENT_DATA, no durability
 * Not started in the window: X (first infusion T0 − 3 d, another at T0 + 2 d), Y (no infusion), Z (first
 * infusion T0 + 41 d, after to), and W, another clinician's patient (infusion T0 + 1 d).
 * </pre>
 */
@QuarkusTest
class OutcomeResourceTest {

    private static Instant t0;
    private static Instant from;
    private static Instant to;
    private static String p1;
    private static String clinician;

    @BeforeEach
    void buildCohortOnce() {
        if (clinician != null) {
            TestData.signIn(clinician);
            return;
        }
        t0 = Instant.now().minus(60, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
        from = at(-1);
        to = at(40);
        TestData.signInAsClinician();
        String w = TestData.enrollPatient();
        TestData.completedSession(w, at(1));

        clinician = TestData.signInAsNewClinician();
        p1 = TestData.enrollPatient();
        pain(p1, at(-1), 8);
        infusions(p1, 0, 2, 4, 6, 8, 10, 20);
        after(p1, 0, 1, 4, 1.5, 6);
        after(p1, 2, 1, 3);
        after(p1, 4, 0.5, 3, 1, 7);
        after(p1, 6, 1.5, 2);
        after(p1, 8, 1, 2, 1.5, 6);
        after(p1, 10, 2, 2, 5, 3, 8, 6);
        after(p1, 20, 3, 2, 25, 9);

        String p2 = TestData.enrollPatient();
        pain(p2, at(-2), 5);
        infusions(p2, 1, 3, 5);
        after(p2, 1, 0.5, 3, 1, 6);
        after(p2, 3, 0.5, 3, 1.5, 7);
        after(p2, 5, 2, 9);

        String p3 = TestData.enrollPatient();
        pain(p3, at(-10), 6);
        infusions(p3, 2);
        after(p3, 2, 1, 3, 1.2, 4);

        String p4 = TestData.enrollPatient();
        pain(p4, at(-1), 5);
        infusions(p4, 0, 7);
        after(p4, 0, 3, 5);
        after(p4, 7, 1, 2);

        String p5 = TestData.enrollPatient();
        infusions(p5, 3);

        String x = TestData.enrollPatient();
        infusions(x, -3, 2);
        TestData.enrollPatient();
        String z = TestData.enrollPatient();
        infusions(z, 41);
        pain(z, at(42), 2);

        // PHQ-9 (first -> latest): P1 18 -> 4 response and remission; P2 12 -> 7 neither (and 0 after to);
        // P3 9 -> 2 not eligible; P4 10 -> 15 -> 5 exactly 50 %: response, not remission; P5 20 alone.
        phq9(p1, -1, "3,3,3,3,3,3,0,0,0");
        phq9(p1, 22, "1,1,1,1,0,0,0,0,0");
        phq9(p2, -1, "3,3,3,3,0,0,0,0,0");
        phq9(p2, 7, "3,3,1,0,0,0,0,0,0");
        phq9(p2, 45, "0,0,0,0,0,0,0,0,0");
        phq9(p3, -5, "3,3,3,0,0,0,0,0,0");
        phq9(p3, 5, "1,1,0,0,0,0,0,0,0");
        phq9(p4, -1, "3,3,3,1,0,0,0,0,0");
        phq9(p4, 3, "3,3,3,3,3,0,0,0,0");
        phq9(p4, 8, "3,2,0,0,0,0,0,0,0");
        phq9(p5, 3, "3,3,3,3,3,3,2,0,0");
    }

    @AfterEach
    void signOut() {
        TestData.signOut();
    }

    private static Instant at(double days) {
        return t0.plus(Duration.ofSeconds(Math.round(days * 86_400)));
    }

    private static void infusions(String patient, int... days) {
        for (int day : days) {
            TestData.completedSession(patient, at(day));
        }
    }

    private static void pain(String patient, Instant at, int pain) {
        TestData.dailyCheckIn(patient, at, pain);
    }

    /** Pain values at (days after the end of the infusion that started on {@code day}, value) pairs. */
    private static void after(String patient, int day, double... pairs) {
        Instant ended = at(day).plus(50, ChronoUnit.MINUTES);
        for (int i = 0; i < pairs.length; i += 2) {
            pain(patient, ended.plus(Duration.ofSeconds(Math.round(pairs[i] * 86_400))), (int) pairs[i + 1]);
        }
    }

    private static void phq9(String patient, int day, String answers) {
        TestData.questionnaireResponse(patient, "phq9", answers, at(day));
    }

    private static JsonPath outcomes() {
        return given().queryParam("domain", "pain").queryParam("from", from.toString())
                .queryParam("to", to.toString())
                .when().get("/api/v1/outcomes")
                .then().statusCode(200).extract().jsonPath();
    }

    @Test
    void shouldCountTheStartedPatientsAndTheirRetention() {
        JsonPath o = outcomes();
        assertEquals("pain", o.getString("domain"));
        assertEquals(from, Instant.parse(o.getString("from")));
        assertEquals(to, Instant.parse(o.getString("to")));
        // P1..P5 started in the window; X started before it, Y never, Z after it, W is not on this caseload.
        assertEquals(5, o.getInt("started"));
        // completed: P1 7, P2 3, P3 1, P4 2, P5 1 -> at least 1: 5 (100 %), 2: 3 (60 %), 3: 2 (40 %), 4..6: 1 (20 %)
        assertEquals(List.of(1, 2, 3, 4, 5, 6), o.getList("retention.infusions"));
        assertEquals(List.of(5, 3, 2, 1, 1, 1), o.getList("retention.patients"));
        assertEquals(List.of(100, 60, 40, 20, 20, 20), o.getList("retention.percent", Number.class).stream()
                .map(Number::intValue).toList());
    }

    @Test
    void shouldDistributeTheCategoriesAndBoundTheResponseRate() {
        JsonPath o = outcomes();
        assertEquals(List.of("SUBSTANTIAL", "MODERATE", "MINIMAL", "NO_CHANGE", "WORSENED", "INSUFFICIENT_DATA"),
                o.getList("categories.category"));
        assertEquals(List.of(1, 2, 0, 0, 1, 1), o.getList("categories.patients"));
        // P1 substantial, P3 and P4 moderate, among the 4 categorised (P5 has none): 3 of 4 = 75 %.
        // Wilson: centre (0.75 + 0.480182) / 1.960365 = 0.627527, half 0.326885 -> 30.1 % to 95.4 %
        assertEquals(3, o.getInt("response.patients"));
        assertEquals(4, o.getInt("response.of"));
        assertEquals(75.0, o.getDouble("response.percent"));
        assertEquals(30.1, o.getDouble("response.lower95"), 1e-9);
        assertEquals(95.4, o.getDouble("response.upper95"), 1e-9);
    }

    @Test
    void shouldEstimateDurabilityByInfusionWithKaplanMeier() {
        JsonPath o = outcomes();
        assertEquals(List.of(1, 2, 3, 4, 5, 6, 7), o.getList("durability.infusion"));
        assertEquals(List.of(false, false, false, false, false, false, true), o.getList("durability.andLater"));
        assertEquals(List.of(5, 3, 2, 1, 1, 1, 1), o.getList("durability.infusions"));
        assertEquals(List.of(4, 3, 2, 1, 1, 1, 1), o.getList("durability.measured"));
        assertEquals(List.of(3, 1, 2, 0, 1, 1, 0), o.getList("durability.events"));
        assertEquals(List.of(1, 2, 0, 1, 0, 0, 1), o.getList("durability.censored"));
        // Infusion 1: P2 1.0 ended, P3 1.2 censored, P1 1.5 ended, P4 3.0 ended (P5 has no value after it)
        //   1.0: 4 at risk, 1 ends -> 3/4; 1.2: censored, S stays 3/4; 1.5: 2 at risk -> 3/4 · 1/2 = 0.375;
        //   3.0: 1 at risk -> 0. Median 1.5, the first time S <= 0.5.
        assertCurve(o, 0, "1.5", new double[][] { { 1.0, 4, 1, 0, 0.75 }, { 1.2, 3, 0, 1, 0.75 },
                { 1.5, 2, 1, 0, 0.375 }, { 3.0, 1, 1, 0, 0 } });
        // Infusion 2: P1 1.0 and P4 1.0 censored, P2 1.5 ended -> 1 at risk at 1.5, S = 0; median 1.5
        assertCurve(o, 1, "1.5", new double[][] { { 1.0, 3, 0, 2, 1 }, { 1.5, 1, 1, 0, 0 } });
        // Infusion 3: P1 1.0 ended, P2 2.0 ended -> 1/2 at 1.0 (exactly one half: the median), 0 at 2.0
        assertCurve(o, 2, "1", new double[][] { { 1.0, 2, 1, 0, 0.5 }, { 2.0, 1, 1, 0, 0 } });
        // Infusion 4: P1 1.5 censored -> S stays 1, no median
        assertCurve(o, 3, null, new double[][] { { 1.5, 1, 0, 1, 1 } });
        // Infusion 5: P1 1.5 ended; infusion 6: P1 8.0 ended; 7 and later: P1's booster, 3.0 censored
        assertCurve(o, 4, "1.5", new double[][] { { 1.5, 1, 1, 0, 0 } });
        assertCurve(o, 5, "8", new double[][] { { 8.0, 1, 1, 0, 0 } });
        assertCurve(o, 6, null, new double[][] { { 3.0, 1, 0, 1, 1 } });
    }

    private static void assertCurve(JsonPath o, int group, String median, double[][] points) {
        String g = "durability[" + group + "]";
        String actual = o.getString(g + ".medianDays");
        if (median == null) {
            assertNull(actual, g);
        } else {
            assertEquals(Double.parseDouble(median), Double.parseDouble(actual), 1e-9, g + " median");
        }
        List<Map<String, Object>> curve = o.getList(g + ".curve");
        assertEquals(points.length, curve.size(), g + " " + curve);
        for (int i = 0; i < points.length; i++) {
            Map<String, Object> p = curve.get(i);
            String where = g + ".curve[" + i + "] " + p;
            assertEquals(points[i][0], decimal(p.get("days")), where);
            assertEquals((int) points[i][1], p.get("atRisk"), where);
            assertEquals((int) points[i][2], p.get("events"), where);
            assertEquals((int) points[i][3], p.get("censored"), where);
            assertEquals(points[i][4], decimal(p.get("survival")), where);
        }
    }

    /** A JSON decimal as written (REST Assured reads 1.2 as a float, 1.2000000476837158 as a double). */
    private static double decimal(Object number) {
        return Double.parseDouble(number.toString());
    }

    @Test
    void shouldReportPhq9ResponseAndRemission() {
        JsonPath o = outcomes();
        // Eligible (first >= 10): P1 18, P2 12, P4 10, P5 20; followed up: P1, P2, P4.
        assertEquals(4, o.getInt("phq9.eligible"));
        assertEquals(3, o.getInt("phq9.followedUp"));
        // Response: P1 (4 <= 9) and P4 (5 <= 5): 2 of 3 = 66.7 %, Wilson 0.207660 .. 0.938508
        assertEquals(2, o.getInt("phq9.response.patients"));
        assertEquals(3, o.getInt("phq9.response.of"));
        assertEquals(66.7, o.getDouble("phq9.response.percent"), 1e-9);
        assertEquals(20.8, o.getDouble("phq9.response.lower95"), 1e-9);
        assertEquals(93.9, o.getDouble("phq9.response.upper95"), 1e-9);
        // Remission: P1 only (P4's 5 is not below 5): 1 of 3 = 33.3 %, Wilson 0.061492 .. 0.792340
        assertEquals(1, o.getInt("phq9.remission.patients"));
        assertEquals(33.3, o.getDouble("phq9.remission.percent"), 1e-9);
        assertEquals(6.1, o.getDouble("phq9.remission.lower95"), 1e-9);
        assertEquals(79.2, o.getDouble("phq9.remission.upper95"), 1e-9);
    }

    @Test
    void shouldAgreeWithThePatientsOwnTrend() {
        JsonPath trend = given().queryParam("to", to.toString())
                .when().get("/api/v1/patients/{p}/trends/pain", p1)
                .then().statusCode(200).extract().jsonPath();
        assertEquals("SUBSTANTIAL", trend.getString("category"));
        assertEquals(List.of(1.5, 1.0, 1.0, 1.5, 1.5, 8.0, 3.0), trend.<Object>getList("sessions.durabilityDays")
                .stream().map(OutcomeResourceTest::decimal).toList());
        assertEquals(List.of(false, true, false, true, false, false, true), trend.getList("sessions.durabilityCensored"));
    }

    @Test
    void shouldExportTheSameFiguresAsCsv() {
        String body = given().queryParam("from", from.toString()).queryParam("to", to.toString())
                .when().get("/api/v1/outcomes/export")
                .then().statusCode(200).contentType(containsString("text/csv"))
                .header("Content-Disposition", containsString("outcomes-pain-"))
                .extract().asString();
        List<List<String>> records = Rfc4180.parse(body);
        assertEquals(List.of("domain", "from", "to", "section", "group", "days", "measure", "value"), records.get(0));
        String window = "pain," + from + "," + to + ",";
        assertTrue(body.contains(window + "cohort,,,started,5\r\n"), body);
        assertTrue(body.contains(window + "retention,2,,percent,60\r\n"), body);
        assertTrue(body.contains(window + "category,MODERATE,,patients,2\r\n"), body);
        assertTrue(body.contains(window + "response,,,lower95,30.1\r\n"), body);
        assertTrue(body.contains(window + "durability,1,,medianDays,1.5\r\n"), body);
        assertTrue(body.contains(window + "durabilityCurve,1,1.5,survival,0.375\r\n"), body);
        assertTrue(body.contains(window + "durability,7+,,censored,1\r\n"), body);
        assertTrue(body.contains(window + "phq9,remission,,upper95,79.2\r\n"), body);
        records.forEach(r -> assertEquals(8, r.size(), r.toString()));
    }

    @Test
    void shouldRenderAPrintablePageOfCharts() throws Exception {
        String html = given().accept("text/html").queryParam("from", from.toString()).queryParam("to", to.toString())
                .when().get("/api/v1/outcomes/report")
                .then().statusCode(200).contentType(containsString("text/html"))
                .header("Content-Security-Policy", containsString("default-src 'none'"))
                .body(not(containsString("<script")))
                .extract().asString();
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Document page = factory.newDocumentBuilder()
                .parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
        assertEquals("5", find(html, "id=\"started\">", "<"));
        // One bar per funnel step and category, one curve per infusion group, three rates.
        assertEquals(6 + 6, page.getElementsByTagNameNS("http://www.w3.org/2000/svg", "rect").getLength() - 7);
        assertEquals(7, page.getElementsByTagNameNS("http://www.w3.org/2000/svg", "path").getLength()
                + count(html, "no durability measured"));
        assertEquals(3, count(html, "class=\"rate-row\""));
        assertTrue(html.contains("3 of 4: 75 % (95 % CI 30.1\u201395.4)"), html);
        assertTrue(html.contains("4 of 5 with a durability, 3 ended, 1 censored; median 1.5 days"), html);
    }

    private static String find(String text, String before, String after) {
        int start = text.indexOf(before) + before.length();
        return text.substring(start, text.indexOf(after, start));
    }

    private static int count(String text, String part) {
        return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
    }

    @Test
    void shouldRefuseAnImpossibleWindowAndAnUnknownDomain() {
        given().queryParam("from", to.toString()).queryParam("to", from.toString())
                .when().get("/api/v1/outcomes").then().statusCode(422);
        given().queryParam("domain", "Pain").when().get("/api/v1/outcomes").then().statusCode(422);
        TestData.as(TestData.adminToken()).when().get("/api/v1/outcomes").then().statusCode(403);
    }
}
