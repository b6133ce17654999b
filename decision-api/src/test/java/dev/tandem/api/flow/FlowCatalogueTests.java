package dev.tandem.api.flow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.core.flow.Flows;
import dev.tandem.support.flow.FlowsConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

@WebMvcTest(FlowCatalogue.class)
@Import(FlowsConfiguration.class)
@TestPropertySource(properties = "spring.config.import=classpath:tandem-flows.yml")
class FlowCatalogueTests {

    @Autowired
    MockMvcTester mvc;

    @Autowired
    Flows flows;

    @Test
    void listsEveryConfiguredFlow_withItsAttributesAndEnrichers() {
        var result = mvc.get().uri("/v1/flows").exchange();

        assertThat(result).hasStatusOk();
        assertThat(result).bodyJson().extractingPath("$.length()").isEqualTo(flows.names().size());
        assertThat(result).bodyJson().extractingPath("$[?(@.name=='payment-risk')].attributes.amount.type")
                .asArray().containsExactly("POSITIVE_NUMBER");
        assertThat(result).bodyJson().extractingPath("$[?(@.name=='payment-risk')].attributes.amount.required")
                .asArray().containsExactly(true);
        assertThat(result).bodyJson().extractingPath("$[?(@.name=='payment-risk')].requiredEnrichers[*]")
                .asArray().containsExactly("velocity", "ip-reputation");
    }
}
