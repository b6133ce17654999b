package dev.tandem.it.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;

import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium from Debian's packages ({@code chromium}, {@code chromium-driver}), driven over WebDriver, with
 * screenshots saved beside the test reports. Without the packages the browser tests are skipped, unless
 * {@value #REQUIRED} is set (as {@code .ci/run} sets it after installing them): then they fail.
 */
public final class Browser implements AutoCloseable {

    /** The environment variable that makes a missing browser a failure rather than a skip. */
    public static final String REQUIRED = "TANDEM_REQUIRE_BROWSER";
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    /** Where screenshots go: with the failsafe reports of it-tests. */
    public static final Path SCREENSHOTS = Path.of("target", "failsafe-reports", "screenshots");

    private final ChromeDriver driver;

    private Browser(ChromeDriver driver) {
        this.driver = driver;
    }

    /** Whether Chromium and its driver are installed where Debian puts them. */
    public static boolean installed() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    /** Whether this run must have the browser (CI). */
    public static boolean required() {
        String value = System.getenv(REQUIRED);
        return value != null && !value.isBlank() && !value.equals("0");
    }

    /**
     * Starts headless Chromium: no sandbox (the tests may run as root), no GPU, and none of the background
     * connections that a closed network refuses.
     */
    public static Browser start() {
        var options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1280,1000");
        var service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        return new Browser(new ChromeDriver(service, options));
    }

    public WebDriver driver() {
        return driver;
    }

    /** Waits until {@code condition} gives something other than null or false. */
    public <T> T await(Duration timeout, Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, timeout, Duration.ofMillis(100)).until(condition::apply);
    }

    /** Saves a PNG of the page as it is now under {@link #SCREENSHOTS}; returns its path. */
    public Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            File shot = driver.getScreenshotAs(OutputType.FILE);
            Path target = SCREENSHOTS.resolve(name + ".png");
            Files.copy(shot.toPath(), target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            return target;
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
