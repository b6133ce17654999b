package dev.tandem.api.admission;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongToIntFunction;
import java.util.function.LongUnaryOperator;

import com.netflix.concurrency.limits.Limit;
import dev.tandem.schemas.MetricNames;
import dev.tandem.schemas.event.Priority;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The wiring by properties; the backlog read from a real broker is {@code BacklogAdmissionIntegrationTests}'. */
class AdmissionConfigurationTests {

    final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(AdmissionConfiguration.class)
            .withBean(MeterRegistry.class, SimpleMeterRegistry::new);

    @Test
    void withTheBacklogOff_nothingReadsKafka_andNoDecisionIsRefusedForIt() {
        runner.withPropertyValues("tandem.api.admission.backlog.enabled=false").run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(Admission.class)
                    .doesNotHaveBean(KafkaEnrichmentBacklog.class);
            MeterRegistry meters = context.getBean(MeterRegistry.class);
            assertThat(meters.find(MetricNames.ADMISSION_REFUSED).tag(MetricNames.TAG_REASON, "backlogged")
                    .counters()).isEmpty();
            assertThat(meters.find(MetricNames.ADMISSION_REFUSED).tag(MetricNames.TAG_REASON, "overloaded")
                    .counters()).hasSize(3);

            Admission.Ticket ticket = context.getBean(Admission.class).admit(Priority.BULK, "payment-risk", null);
            ticket.release(false);
        });
    }

    @Test
    void withAdmissionOff_everythingIsAdmitted_andNeitherTheLimitNorTheBacklogIsThere() {
        runner.withPropertyValues("tandem.api.admission.enabled=false").run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(Admission.class)
                    .doesNotHaveBean(KafkaEnrichmentBacklog.class);
            MeterRegistry meters = context.getBean(MeterRegistry.class);
            assertThat(meters.find(MetricNames.ADMISSION_REFUSED).counters()).isEmpty();
            assertThat(meters.find(MetricNames.ADMISSION_LIMIT).gauges()).isEmpty();
            assertThat(context.getBean(Stalls.class)).isSameAs(Stalls.NONE);
        });
    }

    @Test
    void theJvmsStallsAreWatched_unlessTheThresholdIsZero() {
        var watch = new AtomicReference<StallWatch>();
        runner.withPropertyValues("tandem.api.admission.backlog.enabled=false").run(context -> {
            watch.set(context.getBean(StallWatch.class));
            assertThat(watch.get().watching()).isTrue();
            MeterRegistry meters = context.getBean(MeterRegistry.class);
            assertThat(meters.find(MetricNames.ADMISSION_STALLS).timer()).isNotNull();
            assertThat(meters.find(MetricNames.ADMISSION_AFTER_STALL).functionCounters()).hasSize(2);
        });
        assertThat(watch.get().watching()).as("stopped with its context").isFalse();
        runner.withPropertyValues("tandem.api.admission.backlog.enabled=false",
                "tandem.api.admission.stall-threshold=0").run(context -> {
            assertThat(context.getBean(Stalls.class)).isSameAs(Stalls.NONE);
        });
        runner.withPropertyValues("tandem.api.admission.backlog.enabled=false", "tandem.api.admission.limit=fixed")
                .run(context -> assertThat(context.getBean(Stalls.class)).isSameAs(Stalls.NONE));
        runner.withPropertyValues("tandem.api.admission.stall-threshold=-1ms")
                .run(context -> assertThat(context).hasFailed());
    }

    @Test
    void theAdaptiveLimit_learnsFromWindows_soTheJitterOfSingleFastDecisionsDoesNotShrinkIt() {
        // 3,000 decisions/s for 10 s, 0.5 ms each and about 2 in flight, but every 20th comes in a burst: 3 ms with
        // 20 in flight (the only samples Gradient2 learns from: below half the limit in flight, it holds)
        Limit perDecision = limit("tandem.api.admission.window=0");
        Limit windowed = limit();
        Load jittery = new Load(0, 10);
        jittery.feed(perDecision, i -> i % 20 == 0 ? 3_000_000 : 500_000, i -> i % 20 == 0 ? 20 : 2);
        jittery.feed(windowed, i -> i % 20 == 0 ? 3_000_000 : 500_000, i -> i % 20 == 0 ? 20 : 2);

        assertThat(perDecision.getLimit()).as("fed each decision").isLessThanOrEqualTo(16);
        assertThat(windowed.getLimit()).as("fed each window").isGreaterThanOrEqualTo(32);

        // then the decisions really are slower, 20 ms each, with the limit in use: the windows shrink it in seconds
        new Load(10, 3).feed(windowed, i -> 20_000_000, i -> windowed.getLimit());
        assertThat(windowed.getLimit()).as("after 3 s of slow windows").isLessThan(20);

        // and once they are fast again, it grows back within seconds
        new Load(13, 10).feed(windowed, i -> i % 20 == 0 ? 3_000_000 : 500_000, i -> i % 20 == 0 ? 20 : 2);
        assertThat(windowed.getLimit()).as("after 10 s fast again").isGreaterThanOrEqualTo(32);
    }

    @Test
    void aWindowShorterThanTheLibraryTakes_isRefusedNamingTheProperty() {
        runner.withPropertyValues("tandem.api.admission.backlog.enabled=false", "tandem.api.admission.window=50ms")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("tandem.api.admission.window"));
    }

    /** The limit the default settings and {@code properties} make. */
    private Limit limit(String... properties) {
        var limit = new AtomicReference<Limit>();
        runner.withPropertyValues("tandem.api.admission.backlog.enabled=false").withPropertyValues(properties)
                .run(context -> limit.set(AdmissionConfiguration.limit(context.getBean(AdmissionProperties.class))));
        return limit.get();
    }

    /** Decisions at 3,000 a second from second {@code from} for {@code seconds}, on the limit's own time base. */
    private record Load(long from, long seconds) {

        void feed(Limit limit, LongUnaryOperator latency, LongToIntFunction inFlight) {
            long interval = TimeUnit.SECONDS.toNanos(1) / 3_000;
            for (long i = from * 3_000; i < (from + seconds) * 3_000; i++) {
                limit.onSample(i * interval, latency.applyAsLong(i), inFlight.applyAsInt(i), false);
            }
        }
    }
}
