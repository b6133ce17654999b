package dev.tandem.api.floor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import dev.tandem.api.ApiProperties;
import dev.tandem.core.features.EntityFeatures;
import dev.tandem.core.features.FeatureGroupWrite;
import dev.tandem.core.features.FeatureStore;
import dev.tandem.core.features.InMemoryFeatureStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

@WebMvcTest(controllers = FloorController.class,
        properties = { FloorController.ENABLED + "=true", "tandem.api.feature-timeout=50ms" })
@Import(FloorControllerTests.Fakes.class)
class FloorControllerTests {

    /** Never answers: a Redis that hangs. */
    static final String STUCK = "stuck";

    @TestConfiguration
    @EnableConfigurationProperties(ApiProperties.class)
    static class Fakes {
        @Bean
        FeatureStore featureStore() {
            var store = new InMemoryFeatureStore();
            store.put("default", "e-1", "profile", Map.of("avg_amount", 42.0, "chargebacks_90d", 1.0));
            return new FeatureStore() {
                @Override
                public CompletionStage<EntityFeatures> read(String tenant, String entityId) {
                    return entityId.equals(STUCK) ? new CompletableFuture<>() : store.read(tenant, entityId);
                }

                @Override
                public CompletionStage<List<EntityFeatures>> readAll(String tenant, List<String> entityIds) {
                    return store.readAll(tenant, entityIds);
                }

                @Override
                public CompletionStage<Boolean> write(String tenant, String entityId, FeatureGroupWrite group) {
                    return store.write(tenant, entityId, group);
                }
            };
        }
    }

    @Autowired
    MockMvcTester mvc;

    @Test
    void noop_answersAConstant() {
        assertThat(mvc.get().uri("/floor/noop").exchange()).hasStatusOk().bodyJson().isEqualTo("{\"floor\":\"noop\"}");
    }

    @Test
    void features_ofAKnownEntity_areItsValues() {
        MvcTestResult result = mvc.get().uri("/floor/features/e-1").exchange();

        assertThat(result).hasStatusOk().bodyJson().isEqualTo("""
                {"entityId":"e-1","known":true,"values":{"avg_amount":42.0,"chargebacks_90d":1.0},"degraded":false}""");
    }

    @Test
    void features_ofAnUnknownEntity_areEmptyAndNotDegraded() {
        assertThat(mvc.get().uri("/floor/features/nobody").exchange()).hasStatusOk().bodyJson().isEqualTo("""
                {"entityId":"nobody","known":false,"values":{},"degraded":false}""");
    }

    @Test
    void features_whenTheStoreMissesTheFeatureTimeout_areDegradedAsADecisionWouldBe() {
        assertThat(mvc.get().uri("/floor/features/" + STUCK).exchange()).hasStatusOk().bodyJson()
                .extractingPath("$.degraded").isEqualTo(true);
    }

    @Test
    void floorEndpoints_areOffUnlessTurnedOn() {
        var runner = new ApplicationContextRunner().withUserConfiguration(Fakes.class, FloorController.class);

        runner.run(context -> assertThat(context).doesNotHaveBean(FloorController.class));
        runner.withPropertyValues(FloorController.ENABLED + "=true")
                .run(context -> assertThat(context).hasSingleBean(FloorController.class));
    }
}
