package dev.tandem.api.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tandem.support.redis.RedisClientProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class ResilienceConfigurationTests {

    final ResilienceConfiguration configuration = new ResilienceConfiguration();

    @Test
    void theRedisBulkheadsMustFitTheConnectionsQueue() {
        assertThatThrownBy(() -> configuration.bulkheads(new BulkheadProperties(6_000, 3_000, 2_000, 1),
                new RedisClientProperties(10_000), new SimpleMeterRegistry()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("(11000)")
                .hasMessageContaining("tandem.redis.request-queue-size (10000)");
    }

    @Test
    void eachDependencyGetsItsOwnBulkhead() {
        Bulkheads bulkheads = configuration.bulkheads(new BulkheadProperties(3, 4, 5, 6),
                new RedisClientProperties(12), new SimpleMeterRegistry());

        assertThat(bulkheads.onlineFeatures().name()).isEqualTo("online-features");
        assertThat(bulkheads.outcomeWrites().name()).isEqualTo("outcome-writes");
        assertThat(bulkheads.outcomeReads().name()).isEqualTo("outcome-reads");
        assertThat(bulkheads.decisionLog().name()).isEqualTo("decision-log");
    }
}
