package dev.tandem.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.tandem.it.support.Browser;
import dev.tandem.it.support.TandemPlatform;
import dev.tandem.simulator.Behaviour;
import dev.tandem.simulator.ProviderSimulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * decision-api's pages in headless Chromium against the real platform: the console asks for a decision and follows
 * it from provisional to final over its event stream. The provider answers after {@link #PROVIDER_LATENCY}, so the
 * page shows the decision unfinished before it shows it final. Screenshots go with the test reports
 * ({@link Browser#SCREENSHOTS}).
 */
class BrowserIntegrationTests {

    static final Duration PROVIDER_LATENCY = Duration.ofMillis(800);
    static final Duration WITHIN = Duration.ofSeconds(30);

    static ProviderSimulator provider;
    static TandemPlatform platform;
    static Browser browser;

    @BeforeAll
    static void start() throws Exception {
        if (!Browser.installed()) {
            if (Browser.required()) {
                fail(Browser.REQUIRED + " is set but chromium and chromedriver are not installed in /usr/bin "
                        + "(apt-get install chromium chromium-driver)");
            }
            assumeTrue(false, "chromium and chromium-driver are not installed; skipping the browser tests");
        }
        provider = ProviderSimulator.start(0, Behaviour.fixedLatency(PROVIDER_LATENCY));
        platform = TandemPlatform.start(Map.of(TandemPlatform.PROVIDER_URL, provider.baseUrl(),
                "tandem.workers.ip-reputation.read-timeout", "10s",
                "tandem.workers.enrichers.ip-reputation.timeout", "15s",
                "tandem.flows.payment-risk.deadline", "1m"));
        browser = Browser.start();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (platform != null) {
            platform.close();
        }
        if (provider != null) {
            provider.close();
        }
    }

    @Test
    void theConsole_submitsADecision_andShowsItTurnFinal_withEachEnrichersContribution() throws Exception {
        browser.driver().get(platform.apiBaseUrl() + "/console.html");
        browser.await(WITHIN, d -> !d.findElements(By.cssSelector("#flow option")).isEmpty());
        browser.await(WITHIN, d -> !d.findElements(By.cssSelector("#attributes input[name=amount]")).isEmpty());

        browser.driver().findElement(By.id("submit")).click();
        String firstStatus = browser.await(WITHIN, d -> {
            String status = d.findElement(By.id("decision-status")).getText();
            return status.isEmpty() ? null : status;
        });
        browser.screenshot("console-provisional");
        browser.await(WITHIN, d -> d.findElement(By.id("decision-status")).getText().equals("FINAL"));
        Path shot = browser.screenshot("console-final");

        assertThat(firstStatus).isIn("PROVISIONAL", "ENRICHING");
        List<WebElement> timeline = browser.driver().findElements(By.cssSelector("#timeline li"));
        assertThat(timeline).hasSizeGreaterThanOrEqualTo(2);
        assertThat(timeline.getLast().getAttribute("data-event")).isEqualTo("final");
        assertThat(browser.driver().findElements(By.cssSelector("#enrichers tbody tr")))
                .extracting(row -> row.getAttribute("data-enricher") + "=" + row.getAttribute("data-status"))
                .containsExactly("velocity=OK", "ip-reputation=OK");
        assertThat(browser.driver().findElement(By.cssSelector("#enrichers tr[data-enricher=velocity] .features"))
                .getText()).contains("velocity_count_1h=");
        assertThat(Files.size(shot)).isPositive();
    }

    @Test
    void theConsole_showsAProblemNamingTheField_whenARequiredAttributeIsMissing() {
        browser.driver().get(platform.apiBaseUrl() + "/console.html");
        browser.await(WITHIN, d -> !d.findElements(By.cssSelector("#attributes input[name=currency]")).isEmpty());
        WebElement currency = browser.driver().findElement(By.cssSelector("#attributes input[name=currency]"));
        // the page would stop an empty required field itself: send a wrong one instead
        currency.clear();
        currency.sendKeys("euros");

        browser.driver().findElement(By.id("submit")).click();
        String error = browser.await(WITHIN, d -> {
            WebElement shown = d.findElement(By.id("error"));
            return shown.isDisplayed() ? shown.getText() : null;
        });
        browser.screenshot("console-problem");

        assertThat(error).startsWith("400").contains("currency");
    }
}
