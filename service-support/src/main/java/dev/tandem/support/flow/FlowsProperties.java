package dev.tandem.support.flow;

import java.util.Map;

import dev.tandem.core.flow.FlowDefinition;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** The flows, prefix {@code tandem} (see {@code tandem-flows.yml} in decision-core). */
@ConfigurationProperties("tandem")
public record FlowsProperties(@DefaultValue Map<String, FlowDefinition> flows) {
}
