package dev.tandem.api.flow;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.tandem.core.flow.AttributeSpec;
import dev.tandem.core.flow.FlowDefinition;
import dev.tandem.core.flow.Flows;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /v1/flows}: the configured flows, what a request of each must carry and what enriches it. */
@RestController
class FlowCatalogue {

    /**
     * A flow as a client sees it.
     *
     * @param attributes the request attributes, by name: their type and whether they are required
     * @param requiredEnrichers the enrichers whose results finalise a decision of this flow
     * @param deadline how long after a decision its enrichment may take before it is finalised without them
     */
    record FlowDescription(String name, Map<String, AttributeSpec> attributes, List<String> requiredEnrichers,
            Duration deadline) {
    }

    private final Flows flows;

    FlowCatalogue(Flows flows) {
        this.flows = flows;
    }

    @Operation(operationId = "listFlows", summary = "List the flows", description = "The configured flows: what a "
            + "request of each must carry (attributes, their types, which are required), the enrichers that finalise "
            + "its decisions and how long they may take.")
    @GetMapping(path = "/v1/flows", produces = MediaType.APPLICATION_JSON_VALUE)
    List<FlowDescription> flows() {
        return flows.names().stream().sorted().map(name -> {
            FlowDefinition definition = flows.find(name).orElseThrow().definition();
            return new FlowDescription(name, new TreeMap<>(definition.attributes()), definition.requiredEnrichers(),
                    definition.deadline());
        }).toList();
    }
}
