package dev.tandem.it.monitoring;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The compose stack's monitoring files in the repository: {@code docker-compose.yml}, Prometheus' scrape
 * configuration ({@code docker/prometheus}) and Grafana's provisioning and dashboards ({@code docker/grafana}).
 */
final class MonitoringFiles {

    static final Path ROOT = repositoryRoot();
    static final Path COMPOSE = ROOT.resolve("docker-compose.yml");
    static final Path PROMETHEUS = ROOT.resolve("docker/prometheus/prometheus.yml");
    static final Path GRAFANA = ROOT.resolve("docker/grafana");
    static final Path DATASOURCES = GRAFANA.resolve("provisioning/datasources");
    static final Path DASHBOARD_PROVIDERS = GRAFANA.resolve("provisioning/dashboards");
    static final Path DASHBOARDS = GRAFANA.resolve("dashboards");

    /** A Grafana query variable reading a label's values from the series a selector picks. */
    private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\((.+),\\s*[a-zA-Z_]\\w*\\s*\\)");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private MonitoringFiles() {
    }

    /** A YAML file as maps, lists and scalars (compose's anchors and {@code <<} merges resolved). */
    static Map<String, Object> yaml(Path file) {
        try (Reader reader = Files.newBufferedReader(file)) {
            return new Yaml().load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode json(Path file) {
        return JSON.readTree(file.toFile());
    }

    /** The {@code *.json} files of {@link #DASHBOARDS}, sorted. */
    static List<Path> dashboards() {
        try (Stream<Path> files = Files.walk(DASHBOARDS)) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Every PromQL query of a dashboard, by where it is ({@code panel "Title" A}, {@code variable flow}): the
     * {@code expr} of each panel's targets (rows' panels included), and the selector of each {@code label_values}
     * query variable.
     *
     * @throws IllegalArgumentException for a query variable of another kind, whose names this cannot check
     */
    static Map<String, String> queries(JsonNode dashboard) {
        var queries = new LinkedHashMap<String, String>();
        for (JsonNode panel : panels(dashboard)) {
            for (JsonNode target : panel.path("targets")) {
                if (target.has("expr")) {
                    queries.put("panel \"" + panel.path("title").asString() + "\" " + target.path("refId").asString(),
                            target.get("expr").asString());
                }
            }
        }
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            if ("query".equals(variable.path("type").asString())) {
                JsonNode query = variable.path("query");
                String text = query.isObject() ? query.path("query").asString() : query.asString();
                Matcher labelValues = LABEL_VALUES.matcher(text.strip());
                if (!labelValues.matches()) {
                    throw new IllegalArgumentException("variable " + variable.path("name").asString()
                            + ": only label_values(<selector>, <label>) is checked, not " + text);
                }
                queries.put("variable " + variable.path("name").asString(), labelValues.group(1));
            }
        }
        return queries;
    }

    /** The panels of a dashboard, those inside collapsed rows included. */
    static List<JsonNode> panels(JsonNode dashboard) {
        var panels = new ArrayList<JsonNode>();
        for (JsonNode panel : dashboard.path("panels")) {
            panels.add(panel);
            panel.path("panels").forEach(panels::add);
        }
        return panels;
    }

    /** The nearest directory above the working directory (it-tests when Maven runs the tests) with the compose file. */
    private static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("docker-compose.yml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no docker-compose.yml above " + Path.of("").toAbsolutePath());
    }
}
