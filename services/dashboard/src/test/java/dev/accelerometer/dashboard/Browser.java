package dev.accelerometer.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven by its chromedriver ({@code .ci/ensure-chromium.sh} installs both), with the browser
 * console recorded, waits for live data, checks that charts plotted something, and full-page screenshots.
 */
final class Browser implements AutoCloseable {
    static final String CHROMIUM = System.getenv().getOrDefault("CHROMIUM_BINARY", "/usr/bin/chromium");
    static final String CHROMEDRIVER = System.getenv().getOrDefault("CHROMEDRIVER", "/usr/bin/chromedriver");
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    /**
     * Per chart canvas on the page: [elements Chart.js placed at finite coordinates, painted (non-transparent) pixels].
     */
    private static final String PLOTTED = """
            return [...document.querySelectorAll(arguments[0] + ' canvas')].map((canvas) => {
              const chart = Chart.getChart(canvas);
              const elements = chart ? chart.data.datasets.reduce((n, d, i) => n + chart.getDatasetMeta(i).data
                  .filter((e) => Number.isFinite(e.x) && Number.isFinite(e.y)).length, 0) : 0;
              const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
              let painted = 0;
              for (let i = 3; i < pixels.length; i += 4) { if (pixels[i] !== 0) { painted++; } }
              return [elements, painted];
            });""";

    final ChromeDriver driver;
    private final Path profile;

    Browser() throws IOException {
        if (!new File(CHROMIUM).canExecute() || !new File(CHROMEDRIVER).canExecute()) {
            throw new IllegalStateException("Chromium or chromedriver missing (" + CHROMIUM + ", " + CHROMEDRIVER + "): run .ci/ensure-chromium.sh");
        }
        profile = Files.createTempDirectory("dashboard-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
                "--user-data-dir=" + profile, "--window-size=1500,1000");
        LoggingPreferences logging = new LoggingPreferences();
        logging.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logging);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER)).build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(PATIENCE);
    }

    /** Loads a page afresh (a full load, so each page starts with its own console). */
    void open(String url) {
        driver.get("about:blank");
        consoleErrors();
        driver.get(url);
    }

    /** Waits until {@code css} is visible; fails at once with the message when the page shows an error instead. */
    WebElement waitFor(String css) {
        WebElement found = new WebDriverWait(driver, PATIENCE).withMessage(() -> css + " never appeared; console: " + consoleErrors() + "; page: "
                + driver.findElement(By.tagName("main")).getText() + "; form valid: "
                + driver.executeScript("return [...document.forms].map((f) => f.checkValidity() || [...f.elements].filter((e) => !e.checkValidity()).map((e) => e.name + ': ' + e.validationMessage))"))
                .until(ExpectedConditions.or(
                        ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)),
                        ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".error"))))
                ? firstVisible(css) : null;
        assertTrue(found != null, () -> "the page shows an error instead of " + css + ": " + driver.findElement(By.cssSelector(".error")).getText());
        return found;
    }

    private WebElement firstVisible(String css) {
        return all(css).stream().filter(WebElement::isDisplayed).findFirst().orElse(null);
    }

    /** Waits until the page shows an error message (a problem from an API) and returns it. */
    WebElement waitForError() {
        return new WebDriverWait(driver, PATIENCE).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".error")));
    }

    /** Clicks an element after scrolling it to the middle of the window (clear of sticky table headers). */
    void click(String css) {
        WebElement element = driver.findElement(By.cssSelector(css));
        driver.executeScript("arguments[0].scrollIntoView({block: 'center'})", element);
        element.click();
    }

    void waitUntil(String description, BooleanSupplier condition) {
        new WebDriverWait(driver, PATIENCE).withMessage(description).until(d -> condition.getAsBoolean());
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    /** Asserts that every chart canvas under {@code css} (at least {@code charts} of them) plotted elements and painted pixels. */
    @SuppressWarnings("unchecked")
    void assertChartsPlotted(String css, int charts) {
        List<List<Long>> plotted = (List<List<Long>>) driver.executeScript(PLOTTED, css);
        assertTrue(plotted.size() >= charts, "expected at least " + charts + " charts under " + css + ", found " + plotted.size());
        for (int i = 0; i < plotted.size(); i++) {
            assertTrue(plotted.get(i).get(0) > 0, "chart " + i + " under " + css + " plotted no element: " + plotted);
            assertTrue(plotted.get(i).get(1) > 1000, "chart " + i + " under " + css + " is blank: " + plotted);
        }
    }

    /** SEVERE entries of the browser console since the last call (errors, failed requests), as text. */
    List<String> consoleErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .toList();
    }

    /** Asserts the console shows no error except those {@code expected} accepts (a failure the test provoked). */
    void assertNoConsoleErrors(Predicate<String> expected) {
        List<String> unexpected = consoleErrors().stream().filter(expected.negate()).toList();
        assertEquals(List.of(), unexpected, "browser console errors");
    }

    /** Saves the whole page (not only the window) as target/screenshots/{name}.png. */
    Path screenshot(String name) throws IOException {
        Map<String, Object> metrics = driver.executeCdpCommand("Page.getLayoutMetrics", Map.of());
        @SuppressWarnings("unchecked")
        Map<String, Number> size = (Map<String, Number>) metrics.get("cssContentSize");
        Map<String, Object> clip = Map.of("x", 0, "y", 0, "width", size.get("width"), "height", size.get("height"), "scale", 1);
        Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot",
                Map.of("format", "png", "captureBeyondViewport", true, "clip", clip));
        Files.createDirectories(SCREENSHOTS);
        Path file = SCREENSHOTS.resolve(name + ".png");
        Files.write(file, Base64.getDecoder().decode((String) shot.get("data")));
        return file;
    }

    @Override
    public void close() throws IOException {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
