package dev.tandem.api.features;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;

import dev.tandem.core.features.EntityFeatures;
import dev.tandem.core.features.FeatureGroupWrite;
import dev.tandem.core.features.FeatureStore;
import dev.tandem.schemas.MetricNames;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class HedgedFeatureStoreTests {

    static final HedgingProperties SETTINGS = new HedgingProperties(true, 0.05, Duration.ofMillis(2),
            Duration.ofNanos(200_000), Duration.ofSeconds(1));

    final AtomicLong nanos = new AtomicLong();
    final ManualStore primary = new ManualStore();
    final ManualStore second = new ManualStore();
    final List<Runnable> due = new ArrayList<>();
    final List<Long> delays = new ArrayList<>();
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final HedgedFeatureStore store = new HedgedFeatureStore(primary, second, SETTINGS, (after, task) -> {
        delays.add(after);
        due.add(task);
    }, nanos::get, meters);

    @Test
    void aReadStillUnansweredAfterTheDelay_isSentAgain_andTheFirstAnswerWins() {
        CompletableFuture<List<EntityFeatures>> read = store.readAll("default", List.of("e-1")).toCompletableFuture();
        assertThat(delays).containsExactly(2_000_000L);

        runDue();
        assertThat(second.pending).hasSize(1);
        second.answerAll(features(2.0));
        primary.answerAll(features(1.0));

        assertThat(read.join().getFirst().values()).containsEntry("avg_amount", 2.0);
        assertThat(hedges("sent")).isEqualTo(1);
        assertThat(hedges("won")).isEqualTo(1);
    }

    @Test
    void theFirstReadFailing_whileTheHedgeIsOut_isNotTheAnswer() {
        CompletableFuture<List<EntityFeatures>> read = store.readAll("default", List.of("e-1")).toCompletableFuture();
        runDue();
        primary.pending.getFirst().completeExceptionally(new IllegalStateException("connection reset"));
        assertThat(read).isNotDone();

        second.answerAll(features(2.0));

        assertThat(read.join().getFirst().values()).containsEntry("avg_amount", 2.0);
    }

    @Test
    void aReadAnsweredInTime_isNotHedged() {
        CompletableFuture<List<EntityFeatures>> read = store.readAll("default", List.of("e-1")).toCompletableFuture();
        primary.answerAll(features(1.0));
        runDue();

        assertThat(read.join().getFirst().values()).containsEntry("avg_amount", 1.0);
        assertThat(second.pending).isEmpty();
        assertThat(hedges("sent")).isZero();
    }

    @Test
    void hedgesStayWithinTheirShareOfReads_evenWhenEveryReadIsSlow() {
        for (int i = 0; i < 400; i++) {
            store.readAll("default", List.of("e-" + i));
        }
        runDue();

        // a burst of 10 saved, then 0.05 of a hedge per read: 10 + 400 × 0.05 ≈ 30 of 400, never all of them
        assertThat(hedges("sent")).isBetween(10.0, 30.0);
    }

    @Test
    void theDelayFollowsTheLiveP95OfReads() {
        for (int i = 0; i < 200; i++) {
            CompletionStage<List<EntityFeatures>> read = store.readAll("default", List.of("e-" + i));
            nanos.addAndGet(i < 190 ? 100_000 : 900_000); // 95 % answer in 0.1 ms, the rest in 0.9 ms
            primary.answerAll(features(1.0));
            read.toCompletableFuture().join();
        }
        nanos.addAndGet(Duration.ofSeconds(1).toNanos());
        store.readAll("default", List.of("late"));
        primary.answerAll(features(1.0));
        store.readAll("default", List.of("next"));

        assertThat(store.delay()).isBetween(Duration.ofNanos(200_000), Duration.ofNanos(950_000));
        assertThat(delays.getLast()).isEqualTo(store.delay().toNanos());
    }

    private void runDue() {
        var tasks = List.copyOf(due);
        due.clear();
        tasks.forEach(Runnable::run);
    }

    private double hedges(String result) {
        return meters.counter(MetricNames.FEATURE_HEDGES, MetricNames.TAG_RESULT, result).count();
    }

    private static List<EntityFeatures> features(double avgAmount) {
        return List.of(new EntityFeatures(Map.of("avg_amount", avgAmount), true));
    }

    /** A store whose reads wait until the test answers them. */
    static final class ManualStore implements FeatureStore {
        final List<CompletableFuture<List<EntityFeatures>>> pending = new ArrayList<>();

        @Override
        public CompletionStage<EntityFeatures> read(String tenant, String entityId) {
            return readAll(tenant, List.of(entityId)).thenApply(List::getFirst);
        }

        @Override
        public CompletionStage<List<EntityFeatures>> readAll(String tenant, List<String> entityIds) {
            var read = new CompletableFuture<List<EntityFeatures>>();
            pending.add(read);
            return read;
        }

        @Override
        public CompletionStage<Boolean> write(String tenant, String entityId, FeatureGroupWrite group) {
            return CompletableFuture.completedFuture(true);
        }

        void answerAll(List<EntityFeatures> answer) {
            var all = List.copyOf(pending);
            pending.clear();
            all.forEach(read -> read.complete(answer));
        }
    }
}
