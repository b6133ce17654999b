package dev.tandem.api.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/** The dashboard's resources, with one source that refuses connections. */
@WebMvcTest(controllers = DashboardController.class,
        properties = "tandem.api.dashboard.sources.nowhere=http://localhost:1/actuator/prometheus")
class DashboardControllerTests {

    @Autowired
    MockMvcTester mvc;

    @Test
    void snapshot_aSourceDown_isA200ThatSaysSo_withEveryPanel() {
        MvcTestResult result = mvc.get().uri("/v1/dashboard").accept(MediaType.APPLICATION_JSON).exchange();

        assertThat(result).hasStatusOk().hasContentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .headers().hasValue("Cache-Control", "no-store");
        assertThat(result).bodyJson().extractingPath("$.time").asString().matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        assertThat(result).bodyJson().extractingPath("$.sources[0].name").isEqualTo("nowhere");
        assertThat(result).bodyJson().extractingPath("$.sources[0].up").isEqualTo(false);
        assertThat(result).bodyJson().extractingPath("$.sources[0].error").asString().isNotEmpty();
        assertThat(result).bodyJson().extractingPath("$.panels[*].id").asArray().containsExactly("enrichment-lag",
                "time-to-final", "flip-rate", "late-duplicate", "consumer-lag", "throughput", "cache-hit-rate",
                "shed-requests");
        assertThat(result).bodyJson().extractingPath("$.panels[5].series[0].name").isEqualTo("decisions");
        assertThat(result).bodyJson().extractingPath("$.panels[5].series[0].value").isNull();
    }

    @Test
    void snapshot_wrongMethodOrMediaType_isAProblem() {
        assertThat(mvc.post().uri("/v1/dashboard").exchange()).hasStatus(405)
                .hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyJson().extractingPath("$.type").isEqualTo("https://tandem.dev/problems/method-not-allowed");
        assertThat(mvc.get().uri("/v1/dashboard").accept(MediaType.TEXT_PLAIN).exchange()).hasStatus(406);
    }

    @Test
    void page_isServedAsHtml_withAStableContainerPerPanel() {
        for (String path : new String[] {"/dashboard.html", "/dashboard"}) {
            MvcTestResult page = mvc.get().uri(path).exchange();

            assertThat(page).hasStatusOk().hasContentTypeCompatibleWith(MediaType.TEXT_HTML);
            assertThat(page).bodyText().contains("data-panel=\"enrichment-lag\"", "id=\"panel-shed-requests\"",
                    "/webjars/uplot/dist/uPlot.iife.min.js", "/dashboard/dashboard.js");
        }
    }

    @Test
    void scriptStyleAndUplot_areServed() {
        assertThat(mvc.get().uri("/dashboard/dashboard.js").exchange()).hasStatusOk()
                .hasContentTypeCompatibleWith("text/javascript").bodyText().contains("window.tandemDashboard");
        assertThat(mvc.get().uri("/dashboard/dashboard.css").exchange()).hasStatusOk()
                .hasContentTypeCompatibleWith("text/css");
        assertThat(mvc.get().uri("/webjars/uplot/dist/uPlot.iife.min.js").exchange()).hasStatusOk()
                .hasContentTypeCompatibleWith("text/javascript");
        assertThat(mvc.get().uri("/webjars/uplot/dist/uPlot.min.css").exchange()).hasStatusOk()
                .hasContentTypeCompatibleWith("text/css");
    }
}
