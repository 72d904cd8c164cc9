package com.infusionoutcomes.report;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.NodeList;

import com.infusionoutcomes.TestData;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * The clinician report is a page a browser can render offline under a strict policy, and its charts say what
 * the trend API says. The page is read with a real XML parser (it is polyglot markup), so an unclosed element,
 * a stray entity or an unescaped name fails here before a browser would paper over it.
 */
@QuarkusTest
class PatientReportTest {

    private static final String XHTML = "http://www.w3.org/1999/xhtml";
    private static final String SVG = "http://www.w3.org/2000/svg";
    private static final List<String> DOMAINS = List.of("pain", "sleep", "mobility", "mood");
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private static final String NAME = "Aoife O'Brien & <Sons>";

    @BeforeEach
    void signIn() {
        TestData.signInAsClinician();
    }

    @AfterEach
    void signOut() {
        TestData.signOut();
    }

    private static Instant daysAgo(double days) {
        return NOW.minusSeconds(Math.round(days * 86_400));
    }

    private static String session(String patient, String body) {
        return given().contentType(ContentType.JSON).body(body).post("/api/v1/patients/{p}/sessions", patient)
                .then().statusCode(201).extract().path("id");
    }

    private static void checkIn(String patient, String context, String session, Instant at, String scores) {
        given().contentType(ContentType.JSON)
                .body("""
                        {"context": "%s", "sessionId": %s, "recordedAt": "%s", "scores": %s}
                        """.formatted(context, session == null ? "null" : "\"" + session + "\"", at, scores))
                .post("/api/v1/patients/{p}/check-ins", patient).then().statusCode(201);
    }

    private static String completed(String patient, double daysAgo, String extra) {
        Instant start = daysAgo(daysAgo);
        return session(patient, """
                {"status": "COMPLETED", "startedAt": "%s", "endedAt": "%s", "weightKg": 72.5, "doseMgPerKg": 0.5%s}
                """.formatted(start, start.plus(50, ChronoUnit.MINUTES), extra));
    }

    /**
     * Thirty days of evening reports (a few missed), three infusions a week apart with pre and post scores, one
     * booster scheduled; the second infusion had a severe side effect and a blood pressure of 185/100, which
     * raise two alerts.
     */
    private static String patientWithACourse() {
        String patient = TestData.enrollPatient("""
                {"displayName": "%s", "externalId": "MRN-%s", "birthYear": 1971,
                 "conditions": ["FIBROMYALGIA", "CRPS"], "timezone": "America/Chicago"}
                """.formatted(NAME.replace("\"", "\\\""), UUID.randomUUID().toString().substring(0, 8)));
        List<String> sessions = List.of(
                completed(patient, 20.6, ""),
                completed(patient, 13.6, """
                        , "sideEffects": [{"type": "NAUSEA", "severity": "SEVERE", "note": "vomited twice; \\"bad\\""},
                           {"type": "DISSOCIATION", "severity": "MILD"}],
                          "vitals": [{"at": "%s", "systolic": 185, "diastolic": 100, "heartRate": 90, "spo2": 97},
                           {"at": "%s", "systolic": 128, "diastolic": 80, "heartRate": 76, "spo2": 98}]
                        """.formatted(daysAgo(13.59), daysAgo(13.58))),
                completed(patient, 6.6, ""));
        session(patient, """
                {"status": "SCHEDULED", "scheduledAt": "%s"}
                """.formatted(NOW.plus(7, ChronoUnit.DAYS)));
        for (int day = 30; day >= 1; day--) {
            if (day == 17 || day == 16 || day == 9) {
                continue; // missed days
            }
            int pain = day > 20 ? 8 : 4 + day % 3;
            checkIn(patient, "DAILY", null, daysAgo(day - 0.1), """
                    {"pain": %d, "sleep": %d, "mobility": %d, "mood": %d}
                    """.formatted(pain, 10 - pain, 5, day % 2 == 0 ? 6 : 7));
        }
        for (int i = 0; i < sessions.size(); i++) {
            double start = 20.6 - 7 * i;
            checkIn(patient, "PRE_INFUSION", sessions.get(i), daysAgo(start + 0.01), "{\"pain\": 8, \"mood\": 4}");
            checkIn(patient, "POST_INFUSION", sessions.get(i), daysAgo(start - 0.04), "{\"pain\": 3, \"mood\": 7}");
        }
        return patient;
    }

    private static Document parse(String html) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        factory.setExpandEntityReferences(false);
        DocumentBuilder builder = factory.newDocumentBuilder();
        builder.setErrorHandler(null);
        return builder.parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<Element> elements(Element root, String namespace, String name, String cssClass) {
        NodeList nodes = root.getElementsByTagNameNS(namespace, name);
        List<Element> found = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            Element e = (Element) nodes.item(i);
            if (cssClass == null || List.of(e.getAttribute("class").split(" ")).contains(cssClass)) {
                found.add(e);
            }
        }
        return found;
    }

    private static Element only(Element root, String namespace, String name, String cssClass) {
        List<Element> found = elements(root, namespace, name, cssClass);
        assertEquals(1, found.size(), name + "." + cssClass);
        return found.get(0);
    }

    private static double number(Element e, String attribute) {
        return Double.parseDouble(e.getAttribute(attribute));
    }

    private static Response report(String patient) {
        return given().accept("text/html").get("/api/v1/patients/{p}/report", patient);
    }

    @Test
    void shouldRenderWellFormedMarkupWithOneChartPerDomainThatAgreesWithTheTrends() throws Exception {
        String patient = patientWithACourse();
        Response response = report(patient);
        response.then().statusCode(200).contentType(containsString("text/html"));
        Document page = parse(response.asString());
        Element html = page.getDocumentElement();
        assertEquals(XHTML, html.getNamespaceURI());
        assertEquals("html", html.getLocalName());
        assertEquals(NAME, only(html, XHTML, "h1", null).getTextContent(), "the name, escaped and read back");

        JsonPath trends = given().queryParam("includeSeries", "true").get("/api/v1/patients/{p}/trends", patient)
                .then().statusCode(200).extract().jsonPath();
        List<Element> charts = elements(html, SVG, "svg", "trend-chart");
        assertEquals(DOMAINS, charts.stream().map(c -> c.getAttribute("data-domain")).toList(), "one chart per domain");
        for (int d = 0; d < DOMAINS.size(); d++) {
            Element chart = charts.get(d);
            String domain = DOMAINS.get(d);
            Element plot = only(chart, SVG, "rect", "plot-area");
            double left = number(plot, "x");
            double top = number(plot, "y");
            double right = left + number(plot, "width");
            double bottom = top + number(plot, "height");
            String[] viewBox = chart.getAttribute("viewBox").split(" ");
            assertTrue(right <= Double.parseDouble(viewBox[2]) && bottom <= Double.parseDouble(viewBox[3]), domain);

            // One marker per completed infusion, numbered in order, inside the plot.
            List<Element> markers = elements(chart, SVG, "g", "infusion-marker");
            assertEquals(List.of("1", "2", "3"), markers.stream().map(m -> m.getAttribute("data-number")).toList(),
                    domain + " markers");
            for (Element marker : markers) {
                Element line = only(marker, SVG, "line", "infusion-line");
                double x = number(line, "x1");
                assertTrue(x > left && x < right, domain + " marker at " + x);
                assertEquals(top, number(line, "y1"), 0.01);
                assertEquals(bottom, number(line, "y2"), 0.01);
            }

            // One dot per day of the trend's series, at its mean, inside the plot; lines stay inside too.
            List<Map<String, Object>> series = trends.getList("domains[" + d + "].series");
            List<Element> dots = elements(chart, SVG, "circle", "daily");
            assertTrue(series.size() >= 27, domain + " has a value on most days: " + series.size());
            assertEquals(series.size(), dots.size(), domain + " dots");
            double lastX = left;
            for (int i = 0; i < dots.size(); i++) {
                double x = number(dots.get(i), "cx");
                double y = number(dots.get(i), "cy");
                assertTrue(x >= left && x <= right && y >= top && y <= bottom, domain + " dot " + x + "," + y);
                assertTrue(x > lastX, "days left to right");
                lastX = x;
                double mean = new BigDecimal(series.get(i).get("mean").toString()).doubleValue();
                assertEquals(bottom - mean / 10 * (bottom - top), y, 0.06, domain + " dot " + i + " at its mean");
            }
            List<Element> lines = elements(chart, SVG, "polyline", null);
            assertFalse(elements(chart, SVG, "polyline", "weekly-mean").isEmpty(), domain + " has a 7-day mean");
            for (Element line : lines) {
                for (String point : line.getAttribute("points").split(" ")) {
                    double x = Double.parseDouble(point.split(",")[0]);
                    double y = Double.parseDouble(point.split(",")[1]);
                    assertTrue(x >= left && x <= right && y >= top && y <= bottom, domain + " line " + point);
                }
            }

            // The dashed baseline at the trend's baseline, and the scale explained in words.
            double baseline = trends.getDouble("domains[" + d + "].baseline.value");
            Element baselineLine = only(chart, SVG, "line", "baseline");
            assertEquals(bottom - baseline / 10 * (bottom - top), number(baselineLine, "y1"), 0.06, domain);
            String text = chart.getTextContent();
            assertTrue(text.contains(domain.equals("pain") ? "lower is better" : "higher is better"), domain);
            assertTrue(text.contains("10 = ") && text.contains("0 = "), domain + " anchors");
        }
        String painText = charts.get(0).getTextContent();
        assertTrue(painText.contains("10 = worst pain imaginable") && painText.contains("0 = no pain"), painText);

        // The summary shows the trend API's figures for each domain.
        List<Element> summaryRows = elements(only(html, XHTML, "table", "summary"), XHTML, "tr", null);
        assertEquals(5, summaryRows.size(), "a header row and four domains");
        String painRow = summaryRows.get(1).getTextContent();
        BigDecimal improvement = new BigDecimal(trends.getString("domains[0].improvementPercent"));
        assertTrue(painRow.contains(PatientReport.signed(improvement, "%")), painRow);
        assertTrue(painRow.contains(PatientReport.words(trends.getString("domains[0].category"))), painRow);

        assertEquals(4, elements(only(html, XHTML, "table", "infusions"), XHTML, "tr", null).size(), "3 infusions");
        Element safety = only(html, XHTML, "table", "safety");
        assertEquals(5, elements(safety, XHTML, "tr", null).size(), "3 completed sessions and 1 scheduled");
        List<String> flagged = elements(safety, XHTML, "li", "flagged").stream().map(Element::getTextContent).toList();
        assertEquals(2, flagged.size(), flagged.toString());
        assertTrue(flagged.get(0).startsWith("Nausea (severe): vomited twice; \"bad\""), flagged.toString());
        assertTrue(flagged.get(1).contains("BP 185/100"), flagged.toString());
        List<Element> alertRows = elements(only(html, XHTML, "table", "alerts"), XHTML, "tr", null);
        // The severe side effect and the pressure; the third infusion's relief ended days ago with the booster
        // booked for next week, so the booster is overdue too.
        assertEquals(4, alertRows.size(), "a header row and three open alerts: " + alertRows.stream()
                .map(Element::getTextContent).toList());
        assertTrue(alertRows.get(3).getTextContent().contains("Booster due (pain)"), alertRows.get(3).getTextContent());
    }

    /**
     * A PHQ-9 of 21 with item 9 answered 2 (thoughts of self-harm on more than half the days), a GAD-7, a PEG and
     * a positive PHQ-2 screen: the report lists each with its band and the instruments' trends, shows the booster
     * forecast the trend API gives, and keeps the self-harm alert in the history after it was resolved, with who
     * acknowledged and resolved it.
     */
    @Test
    void shouldShowQuestionnairesTheBoosterForecastAndTheSafetyAlertHistory() throws Exception {
        String patient = patientWithACourse();
        TestData.questionnaireResponse(patient, "phq9", "3,3,3,3,3,2,2,0,2");
        TestData.questionnaireResponse(patient, "gad7", "2,2,2,2,1,1,1");
        TestData.questionnaireResponse(patient, "peg", "7,6,5");
        TestData.questionnaireResponse(patient, "phq2", "2,2");
        String selfHarm = given().queryParam("rule", "SELF_HARM_RISK").get("/api/v1/patients/{p}/alerts", patient)
                .then().statusCode(200).extract().path("items[0].id");
        given().post("/api/v1/alerts/{a}/acknowledge", selfHarm).then().statusCode(200);
        given().contentType(ContentType.JSON).body("{\"note\": \"Safety plan reviewed by phone\"}")
                .post("/api/v1/alerts/{a}/resolve", selfHarm).then().statusCode(200);

        Element html = parse(report(patient).then().statusCode(200).extract().asString()).getDocumentElement();

        List<String> responses = elements(only(html, XHTML, "table", "questionnaires"), XHTML, "tr", null).stream()
                .skip(1).map(row -> row.getTextContent().replaceAll("\\s+", " ").trim()).toList();
        assertEquals(3, responses.size(), responses.toString());
        String phq9 = responses.stream().filter(r -> r.contains("PHQ-9")).findFirst().orElseThrow();
        assertTrue(phq9.contains(" 21 ") && phq9.contains("Severe") && phq9.contains("item 9 (thoughts of self-harm): 2"),
                phq9);
        assertTrue(responses.stream().anyMatch(r -> r.contains("GAD-7") && r.contains(" 11 ") && r.contains("Moderate")),
                responses.toString());
        assertTrue(responses.stream().anyMatch(r -> r.contains("PEG") && r.contains(" 6 ")), responses.toString());
        assertEquals(1, elements(only(html, XHTML, "table", "questionnaires"), XHTML, "tr", "flagged").size(),
                "the PHQ-9 with thoughts of self-harm is flagged");
        String screen = elements(only(html, XHTML, "table", "screens"), XHTML, "tr", null).get(1).getTextContent();
        assertTrue(screen.contains("4") && screen.contains("positive"), screen);
        List<String> instruments = elements(only(html, XHTML, "table", "instrument-summary"), XHTML, "th", null)
                .stream().filter(th -> "row".equals(th.getAttribute("scope"))).map(Element::getTextContent).toList();
        assertEquals(List.of("PEG", "PHQ-9", "GAD-7"), instruments);

        JsonPath forecast = given().get("/api/v1/patients/{p}/trends/pain", patient).then().statusCode(200)
                .extract().jsonPath().setRootPath("boosterForecast");
        Element painBooster = elements(only(html, XHTML, "table", "boosters"), XHTML, "tr", null).get(1);
        String painText = painBooster.getTextContent();
        assertTrue(painText.contains("Pain") && painText.contains(PatientReport.words(forecast.getString("status"))),
                painText);
        assertTrue(painText.contains(java.time.format.DateTimeFormatter.ofPattern("d MMM yyyy", java.util.Locale.ENGLISH)
                .format(java.time.LocalDate.parse(forecast.getString("dueOn")))), painText);

        List<String> history = elements(only(html, XHTML, "table", "alerts"), XHTML, "tr", null).stream().skip(1)
                .map(Element::getTextContent).toList();
        String resolved = history.stream().filter(r -> r.contains("Self-harm risk")).findFirst().orElseThrow();
        assertTrue(resolved.contains("Resolved") && resolved.contains("by Test CLINICIAN")
                && resolved.contains("Safety plan reviewed by phone"), resolved);
        assertEquals(2, resolved.split("by Test CLINICIAN", -1).length - 1, "acknowledged and resolved: " + resolved);
        assertTrue(history.get(history.size() - 1).contains("Self-harm risk"), "resolved alerts come last");
        assertTrue(history.stream().anyMatch(r -> r.contains("Severe depression") && r.contains("Open")),
                history.toString());
        String text = html.getTextContent();
        assertTrue(text.contains("docs/clinical-model.md") && !text.contains("SPEC"), "cites the repository's own model");
    }

    @Test
    void shouldLoadAndRunNothingUnderAStrictPolicy() throws Exception {
        String patient = patientWithACourse();
        Response response = report(patient);
        String policy = response.then().statusCode(200).extract().header("Content-Security-Policy");
        assertTrue(policy.startsWith("default-src 'none'; "), policy);
        assertFalse(policy.contains("unsafe-inline") || policy.contains("script-src") || policy.contains("http"),
                policy);
        assertTrue(policy.contains("frame-ancestors 'none'"), policy);
        Document page = parse(response.asString());
        Element html = page.getDocumentElement();

        // The one style block is the one the policy's hash allows.
        Element style = only(html, XHTML, "style", null);
        String hash = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
                .digest(style.getTextContent().getBytes(StandardCharsets.UTF_8)));
        Matcher allowed = Pattern.compile("style-src 'sha256-([^']+)';").matcher(policy);
        assertTrue(allowed.find(), policy);
        assertEquals(hash, allowed.group(1), "the policy allows exactly the page's style block");
        Element meta = elements(html, XHTML, "meta", null).stream()
                .filter(m -> m.getAttribute("http-equiv").equals("Content-Security-Policy")).findFirst().orElseThrow();
        assertTrue(policy.startsWith(meta.getAttribute("content")), "a saved copy keeps the policy");

        // Nothing to load or run: no script, no link, no image, no style attribute, no external URL.
        assertEquals(0, html.getElementsByTagNameNS("*", "script").getLength());
        assertEquals(0, html.getElementsByTagNameNS("*", "link").getLength());
        assertEquals(0, html.getElementsByTagNameNS("*", "img").getLength());
        NodeList all = html.getElementsByTagNameNS("*", "*");
        for (int i = 0; i < all.getLength(); i++) {
            NamedNodeMap attributes = all.item(i).getAttributes();
            for (int a = 0; a < attributes.getLength(); a++) {
                Attr attribute = (Attr) attributes.item(a);
                if (XMLConstants.XMLNS_ATTRIBUTE_NS_URI.equals(attribute.getNamespaceURI())) {
                    continue; // namespace declarations name, they do not load
                }
                assertFalse(attribute.getLocalName().equals("style") || attribute.getLocalName().startsWith("on")
                        || attribute.getLocalName().equals("href") || attribute.getLocalName().equals("src"),
                        attribute.toString());
                assertFalse(attribute.getValue().contains("http:") || attribute.getValue().contains("https:")
                        || attribute.getValue().contains("url("), attribute.toString());
            }
        }
        assertFalse(style.getTextContent().contains("url(") || style.getTextContent().contains("@import"));
    }

    @Test
    void shouldRenderAPatientWithoutDataYet() throws Exception {
        String patient = TestData.enrollPatient();
        Document page = parse(report(patient).then().statusCode(200).extract().asString());
        List<Element> charts = elements(page.getDocumentElement(), SVG, "svg", "trend-chart");
        assertEquals(4, charts.size());
        for (Element chart : charts) {
            assertEquals(0, elements(chart, SVG, "g", "infusion-marker").size());
            assertEquals(0, elements(chart, SVG, "circle", "daily").size());
            assertEquals(0, elements(chart, SVG, "line", "baseline").size());
            assertTrue(chart.getTextContent().contains("No " + chart.getAttribute("data-domain") + " scores recorded"));
        }
        String text = page.getDocumentElement().getTextContent();
        assertTrue(text.contains("No completed infusions yet.") && text.contains("No alerts raised."), text);
    }

    @Test
    void shouldAuditTheReportAsOneRead() {
        String patient = TestData.enrollPatient();
        String requestId = "report-" + UUID.randomUUID();
        given().header("X-Request-Id", requestId).get("/api/v1/patients/{p}/report", patient).then().statusCode(200);
        List<Map<String, Object>> events = TestData.as(TestData.adminToken()).queryParam("patientId", patient)
                .queryParam("limit", 500).get("/api/v1/audit-events").then().statusCode(200).extract().path("items");
        List<Map<String, Object>> ofRequest = events.stream().filter(e -> requestId.equals(e.get("requestId"))).toList();
        assertEquals(1, ofRequest.size(), "one event for the report, not one per part: " + ofRequest);
        assertEquals(List.of("READ", "Report", "SUCCESS"), List.of(ofRequest.get(0).get("action"),
                ofRequest.get(0).get("resourceType"), ofRequest.get(0).get("outcome")));
    }

    @Test
    void shouldRefuseOtherMediaTypesAndUnknownPatientsAsProblems() {
        String patient = TestData.enrollPatient();
        given().accept("application/json").get("/api/v1/patients/{p}/report", patient).then().statusCode(406)
                .contentType("application/problem+json");
        given().accept("text/html").get("/api/v1/patients/{p}/report", TestData.unknownId()).then().statusCode(404)
                .contentType("application/problem+json");
    }
}
