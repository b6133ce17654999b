package dev.tandem.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

import dev.tandem.it.support.ApiClient;
import dev.tandem.it.support.Browser;
import dev.tandem.it.support.TandemPlatform;
import dev.tandem.simulator.Behaviour;
import dev.tandem.simulator.ProviderSimulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;

/**
 * decision-api's pages in headless Chromium against the real platform: the console asks for a decision and follows
 * it from provisional to final over its event stream; the lag dashboard draws every panel from the three services'
 * metrics. The provider answers after {@link #PROVIDER_LATENCY}, so the
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
        platform = TandemPlatform.startWithDashboardSources(Map.of(TandemPlatform.PROVIDER_URL, provider.baseUrl(),
                "tandem.workers.ip-reputation.read-timeout", "10s",
                "tandem.workers.enrichers.ip-reputation.timeout", "15s",
                "tandem.flows.payment-risk.deadline", "1m",
                // the provider is slow on purpose: its calls must not count as slow for the circuit
                "tandem.workers.ip-reputation.circuit.slow-call-duration", "5s"));
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
        assertThat(shot).isNotEmptyFile();
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

    @Test
    void theDashboard_drawsEveryPanel_fromTheThreeServicesMetrics() throws InterruptedException {
        // the charts show what happens between two looks: decisions keep coming while the page is open
        var api = new ApiClient(platform.apiBaseUrl());
        var deciding = new AtomicBoolean(true);
        Thread traffic = Thread.ofVirtual().start(() -> {
            for (int i = 0; deciding.get(); i++) {
                api.postJson("""
                        {"flow":"payment-risk","entityId":"browser-%d","requestId":"browser-dash-%d-%d",
                         "attributes":{"amount":42.0,"currency":"EUR","merchantId":"m-1","ip":"203.0.113.9"}}"""
                        .formatted(i % 5, i, System.nanoTime()));
                LockSupport.parkNanos(Duration.ofMillis(250).toNanos());
            }
        });

        browser.driver().get(platform.apiBaseUrl() + "/dashboard.html");
        List<WebElement> panels = browser.driver().findElements(By.cssSelector("[data-panel]"));
        try {
            browser.await(WITHIN, d -> d.findElements(By.cssSelector("[data-panel]")).stream()
                    .allMatch(panel -> Integer.parseInt(panel.getAttribute("data-points")) > 0));
        }
        catch (TimeoutException ex) {
            browser.screenshot("dashboard-not-drawn");
            fail("not every panel drew data within " + WITHIN + ": " + browser.driver().findElements(
                    By.cssSelector("[data-panel]")).stream().map(panel -> panel.getAttribute("data-panel") + "="
                            + panel.getAttribute("data-points")).toList());
        }
        finally {
            deciding.set(false);
        }
        Path shot = browser.screenshot("dashboard");
        traffic.join();

        assertThat(panels).extracting(panel -> panel.getAttribute("data-panel")).containsExactlyInAnyOrder(
                "enrichment-lag", "time-to-final", "flip-rate", "late-duplicate", "consumer-lag", "throughput",
                "cache-hit-rate", "shed-requests");
        assertThat(browser.driver().findElement(By.id("status")).getAttribute("data-state")).isEqualTo("ok");
        assertThat(browser.driver().findElements(By.cssSelector("#sources li[data-source]")))
                .extracting(source -> source.getAttribute("data-up")).containsOnly("true").hasSize(3);
        assertThat(shot).isNotEmptyFile();
    }
}
