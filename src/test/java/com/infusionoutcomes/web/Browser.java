package com.infusionoutcomes.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium, driven through its own chromedriver, with the lookups a user (and a screen reader)
 * has: fields by their visible label, buttons and links by their role and accessible name. No browser is
 * downloaded. Without Chromium the tests are skipped, unless {@code browser.required=true} (CI), where they fail.
 */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    final ChromeDriver driver;
    private final Path profile;
    private final String root;

    private Browser(ChromeDriver driver, Path profile, String root) {
        this.driver = driver;
        this.profile = profile;
        this.root = root.endsWith("/") ? root.substring(0, root.length() - 1) : root;
    }

    /** Starts Chromium with a fresh profile, or skips the calling test class when there is none (see above). */
    static Browser start(String root) {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        String why = "Chromium or chromedriver missing (" + CHROMIUM + ", " + CHROMEDRIVER + "): browser tests skipped;"
                + " install them with `apt-get install -y chromium chromium-driver`";
        if (Boolean.getBoolean("browser.required")) {
            Assertions.assertTrue(present, why.replace("skipped", "required (-Dbrowser.required=true)"));
        } else {
            Assumptions.assumeTrue(present, why);
        }
        try {
            Path profile = Files.createTempDirectory("chromium-profile-");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM.toFile());
            options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                    "--disable-component-update", "--no-first-run", "--disable-dev-shm-usage",
                    "--user-data-dir=" + profile, "--window-size=1280,900");
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
            return new Browser(new ChromeDriver(service, options), profile, root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void open(String path) {
        driver.get(root + path);
    }

    void width(int pixels) {
        driver.manage().window().setSize(new Dimension(pixels, pixels < 600 ? 780 : 900));
    }

    WebDriverWait waiting() {
        return new WebDriverWait(driver, Duration.ofSeconds(30));
    }

    /** The field whose visible label reads exactly this. */
    WebElement field(String label) {
        WebElement element = waiting().until(ExpectedConditions.visibilityOfElementLocated(
                By.xpath("//label[normalize-space()=" + xpathString(label) + "]")));
        return driver.findElement(By.id(element.getAttribute("for")));
    }

    void type(String label, String text) {
        WebElement field = field(label);
        field.clear();
        field.sendKeys(text);
    }

    /** Fills the sign-in form of either app and sends it; waits for the page that follows. */
    void signIn(String username, String password, String landing) {
        type("Username", username);
        type("Password", password);
        button("Sign in").click();
        waitForHeading(landing);
    }

    /** A visible button (or link styled as one) whose accessible name is exactly this. */
    WebElement button(String name) {
        return waiting().until(d -> byRole(name, "button"));
    }

    WebElement link(String name) {
        return waiting().until(d -> byRole(name, "link"));
    }

    private WebElement byRole(String name, String role) {
        String css = role.equals("link") ? "a[href]" : "button, [role=button], input[type=submit]";
        return driver.findElements(By.cssSelector(css)).stream()
                .filter(e -> e.isDisplayed() && name.equals(e.getAccessibleName()))
                .findFirst().orElse(null);
    }

    /** Picks the option labelled {@code option} in the group (fieldset) whose legend starts with {@code legend}. */
    void choose(String legend, String option) {
        WebElement group = waiting().until(ExpectedConditions.visibilityOfElementLocated(By.xpath(
                "//fieldset[starts-with(normalize-space(legend), " + xpathString(legend) + ")]")));
        group.findElement(By.xpath(".//label[normalize-space()=" + xpathString(option) + "]")).click();
    }

    /** The visible heading of the page (its h1) once it reads this. */
    void waitForHeading(String text) {
        waiting().until(ExpectedConditions.textToBe(By.tagName("h1"), text));
    }

    String heading() {
        return driver.findElement(By.tagName("h1")).getText();
    }

    void waitForText(By where, String text) {
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(where, text));
    }

    /** Switches the page's network off or on, as airplane mode would: fetch fails and navigator.onLine follows. */
    void online(boolean online) {
        driver.executeCdpCommand("Network.enable", Map.of());
        driver.executeCdpCommand("Network.emulateNetworkConditions", Map.of("offline", !online, "latency", 0,
                "downloadThroughput", -1, "uploadThroughput", -1));
    }

    Object script(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** Forgets who was signed in, in both apps (they share the origin). */
    void forgetSignIns() {
        open("/");
        script("sessionStorage.clear(); localStorage.clear();");
    }

    boolean present(By by) {
        try {
            return driver.findElement(by).isDisplayed();
        } catch (NoSuchElementException e) {
            return false;
        }
    }

    List<WebElement> all(By by) {
        return driver.findElements(by);
    }

    private static String xpathString(String text) {
        return text.contains("'") ? "\"" + text + "\"" : "'" + text + "'";
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // A temporary profile left behind is harmless.
            }
        }
    }
}
