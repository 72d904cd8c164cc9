package com.infusionoutcomes.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;

/**
 * Takes the screenshots of docs/screenshots/ from a running service with the demo cohort (docs/screenshots/make.sh
 * starts one): every main screen of both apps at 360 and 1280 px wide, as PNG files.
 * Arguments: the service's URL and the output directory.
 */
public final class ScreenshotTour {

    private final Browser browser;
    private final Path out;

    private ScreenshotTour(Browser browser, Path out) {
        this.browser = browser;
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 1 ? args[1] : "docs/screenshots");
        Files.createDirectories(out);
        try (Browser browser = Browser.start(args.length > 0 ? args[0] : "http://localhost:18086")) {
            ScreenshotTour tour = new ScreenshotTour(browser, out);
            for (int width : new int[] { 1280, 360 }) {
                tour.patient(width);
                tour.clinician(width);
            }
        }
    }

    private void shoot(String name, int width) throws IOException {
        browser.script("window.scrollTo(0, 0); document.activeElement && document.activeElement.blur();");
        long height = Math.min(4000, ((Number) browser.script(
                "return Math.max(document.documentElement.scrollHeight, document.body.scrollHeight)")).longValue());
        Dimension before = browser.driver.manage().window().getSize();
        browser.driver.manage().window().setSize(new Dimension(width, (int) Math.max(height + 120, 640)));
        Path file = browser.driver.getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(file, out.resolve(name + "-" + width + ".png"), StandardCopyOption.REPLACE_EXISTING);
        browser.driver.manage().window().setSize(before);
    }

    private void patient(int width) throws IOException {
        browser.forgetSignIns();
        browser.width(width);
        browser.online(true);
        browser.open("/patient/");
        browser.waitForHeading("Sign in");
        shoot("patient-sign-in", width);
        browser.signIn("rosa.demo", "demo-patient-2026", "Today");
        shoot("patient-today", width);
        browser.link("Daily check-in").click();
        browser.waitForHeading("Daily check-in");
        browser.choose("Pain", "3");
        browser.choose("Sleep", "7");
        shoot("patient-daily-check-in", width);
        browser.online(false);
        browser.choose("Mobility", "7");
        browser.choose("Mood", "8");
        browser.button("Send check-in").click();
        browser.waitForText(By.id("outbox-status"), "Waiting to send");
        shoot("patient-saved-offline", width);
        browser.online(true);
        browser.waitForText(By.id("outbox-status"), "All your reports are sent.");
        browser.link("My progress").click();
        browser.waitForHeading("My progress");
        browser.waitForText(By.tagName("main"), "before your treatment");
        shoot("patient-progress", width);
        browser.link("History").click();
        browser.waitForHeading("What I reported");
        browser.waitForText(By.tagName("main"), "Check-ins");
        shoot("patient-history", width);
        browser.open("/patient/#/questionnaire/phq9");
        browser.waitForText(By.tagName("h1"), "PHQ-9");
        for (int item = 1; item <= 8; item++) {
            browser.choose(item + ".", "Not at all");
        }
        browser.choose("9.", "Several days");
        shoot("patient-phq9", width);
        browser.button("Send answers").click();
        browser.waitForHeading("Please reach out now");
        shoot("patient-safety-message", width);
    }

    private void clinician(int width) throws IOException {
        browser.width(width);
        browser.open("/clinician/");
        browser.script("sessionStorage.clear()");
        browser.open("/clinician/#/panel");
        browser.waitForHeading("Sign in");
        shoot("clinician-sign-in", width);
        browser.signIn("demo.clinician", "demo-clinician-2026", "Panel");
        browser.waitForText(By.tagName("main"), "Rosa Delgado");
        browser.waiting().until(d -> !d.findElement(By.tagName("main")).getText().contains("…"));
        shoot("clinician-panel", width);
        browser.link("Alerts").click();
        browser.waitForHeading("Alerts");
        browser.waitForText(By.tagName("main"), "Raised");
        shoot("clinician-alerts", width);
        browser.link("Rosa Delgado (demo)").click();
        browser.waitForHeading("Rosa Delgado (demo)");
        browser.waitForText(By.tagName("main"), "PHQ-9 (depression)");
        browser.waitForText(By.tagName("main"), "Recorded");
        shoot("clinician-patient", width);
        browser.link("Record an infusion").click();
        browser.waitForText(By.tagName("h1"), "Record an infusion");
        shoot("clinician-record-infusion", width);
        browser.link("Enroll a patient").click();
        browser.waitForHeading("Enroll a patient");
        shoot("clinician-enroll", width);
    }
}
