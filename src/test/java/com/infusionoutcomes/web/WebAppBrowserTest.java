package com.infusionoutcomes.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import com.infusionoutcomes.TestData;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * The web apps in a real browser, the way a clinician and a patient use them: fields found by their labels,
 * buttons by their accessible names. One Chromium for the class; each test signs in afresh.
 */
@QuarkusTest
class WebAppBrowserTest {

    private static Browser browser;

    @TestHTTPResource("/")
    URL root;

    private String clinician;
    private String clinicianToken;

    @BeforeEach
    void startBrowserAndAClinic() {
        if (browser == null) {
            browser = Browser.start(root.toString());
        }
        browser.width(1280);
        browser.online(true);
        browser.forgetSignIns();
        clinician = TestData.createStaff("CLINICIAN");
        clinicianToken = TestData.token(clinician, TestData.PASSWORD);
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
            browser = null;
        }
    }

    private String enrollPatient(String name) {
        return TestData.as(clinicianToken).contentType(ContentType.JSON)
                .body(Map.of("displayName", name, "timezone", "America/Chicago"))
                .when().post("/api/v1/patients")
                .then().statusCode(201).extract().path("id");
    }

    private void signInAsClinician() {
        browser.open("/clinician/");
        browser.signIn(clinician, TestData.PASSWORD, "Panel");
    }

    @Test
    void aClinicianSignsInOpensAPatientFromThePanelAndAcknowledgesTheirAlert() {
        String patient = enrollPatient("Avery Quill");
        TestData.as(clinicianToken).contentType(ContentType.JSON)
                .body("{\"instrument\": \"phq9\", \"answers\": [1,1,1,1,1,1,1,1,1], \"recordedAt\": \"" + java.time.Instant.now() + "\"}")
                .when().post("/api/v1/patients/{p}/questionnaire-responses", patient)
                .then().statusCode(201);

        signInAsClinician();
        // The self-harm alert stands above the page, whatever page it is.
        browser.waitForText(By.cssSelector(".banner-urgent[role=alert]"), "Self-harm risk");
        browser.link("Avery Quill").click();
        browser.waitForHeading("Avery Quill");
        assertEquals(4, browser.all(By.cssSelector("svg.chart[role=img]")).size() - 3, "four domain charts besides the three questionnaires");

        browser.link("Alerts").click();
        browser.waitForHeading("Alerts");
        browser.button("Acknowledge Self-harm risk for Avery Quill").click();
        browser.waitForText(By.id("announcer"), "acknowledged");

        String status = TestData.as(clinicianToken).queryParam("rule", "SELF_HARM_RISK")
                .when().get("/api/v1/patients/{p}/alerts", patient)
                .then().statusCode(200).extract().path("items[0].status");
        assertEquals("ACKNOWLEDGED", status);
        // A reload keeps the clinician signed in (the tokens are in sessionStorage).
        browser.driver.navigate().refresh();
        browser.waitForHeading("Alerts");
        // Signing out forgets the tokens, even where the service has no sign-out operation (404).
        browser.button("Sign out").click();
        browser.waitForHeading("Sign in");
        assertEquals(0L, browser.script("return sessionStorage.length"));
    }

    /**
     * The patient page shows what a clinician decides on: the booster forecast of each domain, every questionnaire
     * result with its band (a PHQ-2 as a screen), and the safety alert history, resolved ones with who worked them.
     */
    @Test
    void thePatientPageShowsForecastsQuestionnaireResultsAndTheAlertHistory() {
        String patient = enrollPatient("Rowan Finch");
        for (String[] response : new String[][] { { "phq9", "1,1,1,1,1,1,1,1,1" }, { "phq2", "2,2" },
                { "gad7", "3,3,3,3,3,3,3" } }) {
            TestData.as(clinicianToken).contentType(ContentType.JSON)
                    .body("{\"instrument\": \"" + response[0] + "\", \"answers\": [" + response[1]
                            + "], \"recordedAt\": \"" + java.time.Instant.now() + "\"}")
                    .when().post("/api/v1/patients/{p}/questionnaire-responses", patient).then().statusCode(201);
        }
        String alert = TestData.as(clinicianToken).queryParam("rule", "SELF_HARM_RISK")
                .get("/api/v1/patients/{p}/alerts", patient).then().statusCode(200).extract().path("items[0].id");
        TestData.as(clinicianToken).post("/api/v1/alerts/{a}/acknowledge", alert).then().statusCode(200);
        TestData.as(clinicianToken).contentType(ContentType.JSON).body("{\"note\": \"Safety plan reviewed\"}")
                .post("/api/v1/alerts/{a}/resolve", alert).then().statusCode(200);

        signInAsClinician();
        browser.link("Rowan Finch").click();
        browser.waitForHeading("Rowan Finch");
        browser.waitForText(By.cssSelector("table.alert-history"), "Safety plan reviewed");
        String history = browser.driver.findElement(By.cssSelector("table.alert-history")).getText();
        assertTrue(history.contains("Self-harm risk") && history.contains("Resolved"), history);
        assertEquals(2, history.split("by Test CLINICIAN", -1).length - 1, "acknowledged and resolved, by whom: " + history);

        browser.waitForText(By.cssSelector("table.questionnaire-results"), "PHQ-2");
        String results = browser.driver.findElement(By.cssSelector("table.questionnaire-results")).getText();
        for (String expected : List.of("PHQ-9", "Mild", "GAD-7", "Severe", "Positive screen")) {
            assertTrue(results.contains(expected), expected + " in " + results);
        }
        assertEquals(4, browser.all(By.xpath("//div[contains(@class,'notice')]/strong[.='Booster forecast']")).size(),
                "a booster forecast per domain");
    }

    @Test
    void aPatientEnrollsChecksInOnlineAndOfflineAndTheClinicianGetsEachReportOnce() {
        String patient = enrollPatient("Blake Ortiz");
        String code = TestData.enrollmentCode(patient, clinicianToken);
        String username = "blake-" + java.util.UUID.randomUUID().toString().substring(0, 8);

        browser.open("/patient/");
        browser.link("I have an enrollment code").click();
        browser.type("Enrollment code", code);
        browser.type("Choose a username", username);
        browser.type("Choose a password", "a-long-passphrase");
        browser.type("Type the password again", "a-long-passphrase");
        browser.button("Create my login").click();
        browser.waitForHeading("Today");

        dailyCheckIn("4", "6");
        browser.waitForText(By.cssSelector("main"), "reached your care team");

        browser.online(false);
        dailyCheckIn("5", "5");
        browser.waitForText(By.cssSelector("main"), "Saved on this device");
        dailyCheckIn("6", "4");
        browser.waitForText(By.id("outbox-status"), "Waiting to send: 2 reports");
        // The waiting reports survive a reload (they are in IndexedDB, not in the page).
        browser.driver.navigate().refresh();
        browser.waitForHeading("Daily check-in");
        browser.waitForText(By.id("outbox-status"), "Waiting to send: 2 reports");

        browser.online(true);
        browser.waitForText(By.id("outbox-status"), "All your reports are sent.");

        List<Map<String, Object>> checkIns = TestData.as(clinicianToken)
                .when().get("/api/v1/patients/{p}/check-ins", patient)
                .then().statusCode(200).extract().path("items");
        assertEquals(3, checkIns.size(), "one online and two offline check-ins, each stored once: " + checkIns);
        assertEquals(3, new HashSet<>(checkIns.stream().map(c -> c.get("id")).toList()).size());
        assertEquals(List.of(6, 5, 4), checkIns.stream().map(c -> ((Map<?, ?>) c.get("scores")).get("pain")).toList());
    }

    private void dailyCheckIn(String pain, String mood) {
        browser.link("Today").click();
        browser.waitForHeading("Today");
        browser.link("Daily check-in").click();
        browser.waitForHeading("Daily check-in");
        browser.choose("Pain", pain);
        browser.choose("Sleep", "7");
        browser.choose("Mobility", "6");
        browser.choose("Mood", mood);
        browser.button("Send check-in").click();
        browser.waitForHeading("Check-in saved");
    }

    @Test
    void aPatientAnsweringPhq9Item9AboveZeroSeesTheCrisisContactFirstAndTheClinicianAnUrgentAlert() {
        String patient = enrollPatient("Casey Lund");
        String username = TestData.patientLogin(patient, clinicianToken);

        browser.open("/patient/");
        browser.signIn(username, TestData.PASSWORD, "Today");
        browser.link("Questionnaires").click();
        browser.waitForHeading("Questionnaires");
        browser.link("Patient Health Questionnaire-9 (PHQ-9)").click();
        for (int item = 1; item <= 8; item++) {
            browser.choose(item + ".", "Not at all");
        }
        browser.choose("9.", "Several days");
        browser.button("Send answers").click();

        browser.waitForHeading("Please reach out now");
        String safety = browser.driver.findElement(By.cssSelector(".safety[role=alert]")).getText();
        assertTrue(safety.contains("988"), safety);
        browser.button("I have read this").click();
        browser.waitForHeading("Answers saved");

        signInAsClinician();
        browser.link("Alerts").click();
        browser.waitForHeading("Alerts");
        // The heading comes first; the alerts follow from the API.
        WebElement first = browser.waiting().until(d -> d.findElements(By.cssSelector("article.alert-card")).stream()
                .findFirst().orElse(null));
        assertEquals("URGENT alert: Self-harm risk, Casey Lund", first.getAccessibleName());
    }
}
