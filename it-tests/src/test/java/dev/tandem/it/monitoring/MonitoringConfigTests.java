package dev.tandem.it.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The compose stack's monitoring files agree with each other and with the services: Prometheus scrapes each
 * service where compose runs it, Grafana reads the files the repository has, the dashboards use the provisioned
 * data source. That the dashboards' metric names are real is {@link DashboardMetricsIntegrationTests}' part.
 */
class MonitoringConfigTests {

    static final List<String> SERVICES = List.of("decision-api", "enrichment-workers", "blender");

    final Map<String, Object> compose = MonitoringFiles.yaml(MonitoringFiles.COMPOSE);
    final Map<String, Object> prometheus = MonitoringFiles.yaml(MonitoringFiles.PROMETHEUS);

    @Test
    void prometheus_scrapesEachServiceOnItsComposePort_atItsPrometheusEndpoint() {
        List<Map<String, Object>> jobs = list(prometheus.get("scrape_configs"));
        assertThat(jobs).extracting(job -> job.get("job_name")).containsExactlyInAnyOrderElementsOf(SERVICES);

        for (Map<String, Object> job : jobs) {
            String name = (String) job.get("job_name");
            Map<String, Object> service = map(services().get(name));
            Object port = map(service.get("environment")).get("SERVER_PORT");
            assertThat(job.get("metrics_path")).as(name).isEqualTo("/actuator/prometheus");
            assertThat(list(job.get("static_configs"))).as(name).singleElement()
                    .extracting(config -> config.get("targets")).isEqualTo(List.of(name + ":" + port));
            assertThat(strings(service.get("ports"))).as(name).contains(port + ":" + port);
            assertThat(map(service.get("environment")).get("MANAGEMENT_ENDPOINTS_WEB_EXPOSURE_INCLUDE"))
                    .as(name).asString().contains("prometheus");
            Map<String, Object> own = MonitoringFiles.yaml(
                    MonitoringFiles.ROOT.resolve(name + "/src/main/resources/" + name + ".yml"));
            assertThat(map(own.get("server")).get("port")).as("%s's own server.port", name).isEqualTo(port);
        }
    }

    @Test
    void grafana_isPinned_onPort3000_withItsProvisioningAndDashboardsFromTheRepository() {
        Map<String, Object> grafana = map(services().get("grafana"));

        assertThat((String) grafana.get("image")).matches("grafana/grafana:\\d+\\.\\d+\\.\\d+");
        assertThat(strings(grafana.get("ports"))).containsExactly("3000:3000");
        assertThat(services().entrySet()).filteredOn(s -> !s.getKey().equals("grafana"))
                .allSatisfy(s -> assertThat(String.valueOf(map(s.getValue()).get("ports"))).doesNotContain("3000:"));
        List<Map<String, Object>> mounts = list(grafana.get("volumes"));
        assertThat(mounts).extracting(m -> m.get("source"))
                .containsExactly("./docker/grafana/provisioning", "./docker/grafana/dashboards");
        assertThat(mounts).allSatisfy(m -> assertThat(MonitoringFiles.ROOT.resolve((String) m.get("source")))
                .isDirectory());

        String dashboardsTarget = (String) mounts.get(1).get("target");
        Map<String, Object> provider = map(list(MonitoringFiles.yaml(
                MonitoringFiles.DASHBOARD_PROVIDERS.resolve("tandem.yml")).get("providers")).getFirst());
        assertThat(map(provider.get("options")).get("path")).isEqualTo(dashboardsTarget);
        String home = (String) map(grafana.get("environment")).get("GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH");
        assertThat(home).startsWith(dashboardsTarget + "/");
        assertThat(MonitoringFiles.DASHBOARDS.resolve(home.substring(dashboardsTarget.length() + 1))).isRegularFile();
    }

    @Test
    void dashboards_haveFixedUids_andQueryOnlyTheProvisionedPrometheus() {
        Map<String, Object> datasource = map(list(MonitoringFiles.yaml(
                MonitoringFiles.DATASOURCES.resolve("prometheus.yml")).get("datasources")).getFirst());
        assertThat(datasource.get("url")).isEqualTo("http://prometheus:9090");
        assertThat(strings(map(services().get("prometheus")).get("ports"))).contains("9090:9090");
        assertThat(map(datasource.get("jsonData")).get("timeInterval")).as("the scrape interval")
                .isEqualTo(map(prometheus.get("global")).get("scrape_interval"));

        assertThat(MonitoringFiles.dashboards()).isNotEmpty().allSatisfy(file -> {
            JsonNode dashboard = MonitoringFiles.json(file);
            assertThat(dashboard.path("uid").asString()).as(file.toString()).isNotBlank();
            assertThat(datasourceUids(dashboard)).as(file.toString()).isNotEmpty().containsOnly((String) datasource.get("uid"));
            assertThat(MonitoringFiles.queries(dashboard)).as(file.toString()).isNotEmpty()
                    .allSatisfy((where, query) -> assertThat(PromQlMetricNames.of(query)).as(where).isNotEmpty());
        });
        assertThat(MonitoringFiles.dashboards()).extracting(file -> MonitoringFiles.json(file).path("uid").asString())
                .doesNotHaveDuplicates();
    }

    @Test
    void theLagDashboard_isTheOneTheReadmeNames() throws Exception {
        JsonNode dashboard = MonitoringFiles.json(MonitoringFiles.DASHBOARDS.resolve("tandem-lag-and-results.json"));
        String readme = Files.readString(MonitoringFiles.ROOT.resolve("README.md"));

        assertThat(dashboard.path("uid").asString()).isEqualTo("tandem-lag-and-results");
        assertThat(readme).contains(dashboard.path("title").asString(), "localhost:3000",
                "/d/" + dashboard.path("uid").asString());
    }

    private Map<String, Object> services() {
        return map(compose.get("services"));
    }

    /** The {@code uid} of every {@code datasource} a dashboard's panels, targets and variables name. */
    private static List<String> datasourceUids(JsonNode dashboard) {
        var uids = new ArrayList<String>();
        for (JsonNode node : MonitoringFiles.panels(dashboard)) {
            addUid(node, uids);
            node.path("targets").forEach(target -> addUid(target, uids));
        }
        dashboard.path("templating").path("list").forEach(variable -> addUid(variable, uids));
        return uids;
    }

    private static void addUid(JsonNode node, List<String> uids) {
        if (node.has("datasource")) {
            uids.add(node.get("datasource").path("uid").asString());
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object yaml) {
        return (Map<String, Object>) yaml;
    }

    @SuppressWarnings("unchecked")
    private static List<String> strings(Object yaml) {
        return (List<String>) yaml;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object yaml) {
        return (List<Map<String, Object>>) yaml;
    }
}
