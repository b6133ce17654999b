package dev.tandem.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.util.Random;

import org.junit.jupiter.api.Test;

class BehaviourTests {

    @Test
    void with_someFields_replacesThoseAndKeepsTheRest() {
        Behaviour changed = Behaviour.realistic().with(FlatJson.parse("{\"baseLatencyMs\": 2000, \"errorRate\": 0.5}"));

        assertThat(changed).isEqualTo(new Behaviour(Duration.ofSeconds(2), Duration.ofMillis(10), 0.5, 503));
    }

    @Test
    void with_unknownFieldOrBadValue_isRefusedNamingIt() {
        assertThatIllegalArgumentException().isThrownBy(() -> Behaviour.instant().with(FlatJson.parse("{\"latency\":1}")))
                .withMessageStartingWith("unknown field latency");
        assertThatIllegalArgumentException().isThrownBy(() -> Behaviour.instant().with(FlatJson.parse("{\"errorRate\":2}")))
                .withMessage("errorRate must be from 0 to 1, not 2.0");
        assertThatIllegalArgumentException().isThrownBy(() -> Behaviour.instant().with(FlatJson.parse("{\"errorStatus\":\"x\"}")))
                .withMessage("errorStatus must be a number, not x");
        assertThatIllegalArgumentException().isThrownBy(() -> FlatJson.parse("{\"errorRate\":"))
                .withMessageStartingWith("not a flat JSON object");
    }

    @Test
    void toJson_readsBackAsTheSameBehaviour() {
        var behaviour = new Behaviour(Duration.ofMillis(15), Duration.ofNanos(2_500_000), 0.01, 429);

        assertThat(Behaviour.instant().with(FlatJson.parse(behaviour.toJson()))).isEqualTo(behaviour);
    }

    @Test
    void drawLatency_isTheBasePlusAnExponentialTail() {
        var behaviour = new Behaviour(Duration.ofMillis(15), Duration.ofMillis(10), 0, 503);
        var random = new Random(1);

        double meanMillis = java.util.stream.IntStream.range(0, 20_000)
                .mapToLong(i -> behaviour.drawLatency(random).toNanos()).average().orElseThrow() / 1e6;

        assertThat(meanMillis).isBetween(24.5, 25.5);
        assertThat(Behaviour.fixedLatency(Duration.ofMillis(7)).drawLatency(random)).isEqualTo(Duration.ofMillis(7));
    }

    @Test
    void drawFailure_followsTheErrorRate() {
        var random = new Random(2);

        assertThat(Behaviour.instant().drawFailure(random)).isFalse();
        assertThat(Behaviour.failing(503).drawFailure(random)).isTrue();
    }
}
