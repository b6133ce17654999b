package dev.tandem.benchmarks.hotpath;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

class HotPathOptionsTests {

    @Test
    void parse_withoutOptions_runsEveryTargetAtTheDefaultRate() {
        HotPathOptions options = HotPathOptions.parse(new String[0]);

        assertThat(options.rates()).containsExactly(HotPathOptions.DEFAULT_RATE);
        assertThat(options.targets()).containsExactly(Target.NOOP, Target.FEATURES, Target.DECISION, Target.ALL_SYNC);
        assertThat(options.mix()).isEqualTo(Mix.DEFAULT);
        assertThat(options.settle()).isEqualTo(Duration.ofMinutes(3));
        assertThat(options.warmUp()).isEqualTo(Duration.ofSeconds(10));
        assertThat(options.window()).isEqualTo(Duration.ofSeconds(20));
        assertThat(options.provider()).isEqualTo("instant");
        assertThat(options.asynchronous()).isEqualTo(Asynchronous.PROCESS);
    }

    @Test
    void parse_asynchronous_placesTheAsynchronousHalf() {
        assertThat(parse("--asynchronous", "on").asynchronous()).isEqualTo(Asynchronous.SAME_JVM);
        assertThat(parse("--asynchronous", "process").asynchronous()).isEqualTo(Asynchronous.PROCESS);
        assertThat(parse("--asynchronous", "off").asynchronous()).isEqualTo(Asynchronous.OFF);
        assertThat(Asynchronous.PROCESS.hybrid()).isTrue();
        assertThat(Asynchronous.OFF.hybrid()).as("off: the synchronous path alone").isFalse();
    }

    @Test
    void parse_takesSteppedRates_andTargetsInTheOrderGiven() {
        HotPathOptions options = HotPathOptions.parse(new String[] { "--rates", "500, 1000,2000", "--targets",
                "all-sync,noop", "--seconds", "3", "--warmup-seconds", "0", "--settle-seconds", "0", "--connections", "8", "--entities", "50",
                "--provider", "realistic" });

        assertThat(options.rates()).containsExactly(500, 1000, 2000);
        assertThat(options.targets()).containsExactly(Target.ALL_SYNC, Target.NOOP);
        assertThat(options.window()).isEqualTo(Duration.ofSeconds(3));
        assertThat(options.warmUp()).isZero();
        assertThat(options.settle()).as("--settle-seconds 0: no settling").isZero();
        assertThat(List.of(options.connections(), options.entities())).containsExactly(8, 50);
        assertThat(options.provider()).isEqualTo("realistic");
    }

    @Test
    void parse_runsTheOverloadTargetOnlyWhenNamed_withTheMixGiven() {
        HotPathOptions options = parse("--targets", "overload", "--rate", "120", "--mix",
                "critical=20,standard=20,bulk=60");

        assertThat(options.targets()).containsExactly(Target.OVERLOAD);
        assertThat(options.rates()).containsExactly(120);
        assertThat(options.mix()).isEqualTo(new Mix(20, 20, 60));
        assertThat(HotPathOptions.parse(new String[0]).targets()).doesNotContain(Target.OVERLOAD);
        assertThat(HotPathOptions.USAGE).contains("--mix critical=10,standard=30,bulk=60", "overload");
    }

    @Test
    void parse_refusesWhatMakesNoSense_namingTheOption() {
        assertThatThrownBy(() -> parse("--rate", "100", "--rates", "200,300")).hasMessageContaining("--rates");
        assertThatThrownBy(() -> parse("--targets", "noop,everything")).hasMessageContaining("unknown target everything");
        assertThatThrownBy(() -> parse("--rate", "0")).hasMessageContaining("positive");
        assertThatThrownBy(() -> parse("--provider", "slow")).hasMessageContaining("--provider");
        assertThatThrownBy(() -> parse("--asynchronous", "maybe")).hasMessageContaining("--asynchronous must be one of on, process, off, not maybe");
        assertThatThrownBy(() -> parse("--seconds")).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> parse("--settle-seconds", "-1")).hasMessageContaining("--settle-seconds not negative");
        assertThatThrownBy(() -> parse("--bogus", "1")).hasMessageContaining("unknown option --bogus");
        assertThatThrownBy(() -> parse("--mix", "critical=0,bulk=100")).hasMessageContaining("--mix");
    }

    private static HotPathOptions parse(String... args) {
        return HotPathOptions.parse(args);
    }
}
