package dev.tandem.api.decision;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import dev.tandem.api.ApiProperties;
import dev.tandem.api.admission.Admission;
import dev.tandem.api.admission.AdmissionFilterConfiguration;
import dev.tandem.api.problem.ProblemConfiguration;
import dev.tandem.api.watch.OutcomeChange;
import dev.tandem.api.watch.OutcomeWatchers;
import dev.tandem.api.watch.WatchProperties;
import dev.tandem.core.features.InMemoryFeatureStore;
import dev.tandem.core.flow.Flows;
import dev.tandem.core.outcome.InMemoryOutcomeStore;
import dev.tandem.core.outcome.OutboxEntry;
import dev.tandem.core.outcome.Outcome;
import dev.tandem.core.outcome.OutcomeStore;
import dev.tandem.schemas.event.OutcomeStatus;
import dev.tandem.schemas.event.Priority;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

@WebMvcTest(DecisionController.class)
@Import({ DecisionControllerTests.Fakes.class, DecisionEndpointConfiguration.class, ProblemConfiguration.class,
        AdmissionFilterConfiguration.class })
class DecisionControllerTests {

    @TestConfiguration
    @EnableConfigurationProperties({ ApiProperties.class, WatchProperties.class })
    static class Fakes {
        @Bean
        OutcomeWatchers outcomeWatchers() {
            return new OutcomeWatchers(100);
        }

        @Bean
        Flows flows() {
            return TestDecisions.flows();
        }

        @Bean
        SimpleMeterRegistry meters() {
            return new SimpleMeterRegistry();
        }

        /** A limit of 2 (so BULK may have 1 in flight) and 5 decisions a second per named client. */
        @Bean
        Admission admission(SimpleMeterRegistry meters) {
            return Admission.fixed(2, 5, meters);
        }

        @Bean
        InMemoryOutcomeStore outcomes() {
            return new InMemoryOutcomeStore();
        }

        @Bean
        TestDecisions.RecordingPublisher publisher() {
            return new TestDecisions.RecordingPublisher();
        }

        @Bean
        StoreOutage storeOutage() {
            return new StoreOutage();
        }

        @Bean
        DecisionService decisionService(InMemoryOutcomeStore outcomes, StoreOutage outage,
                TestDecisions.RecordingPublisher publisher, ApiProperties properties, Flows flows) {
            OutcomeStore store = new DecisionServiceTests.DelegatingStore(outcomes) {
                @Override
                public CompletionStage<CreateResult> create(Outcome outcome, OutboxEntry announcement) {
                    return outage.down ? CompletableFuture.failedFuture(new IllegalStateException("redis is down"))
                            : super.create(outcome, announcement);
                }
            };
            return new DecisionService(flows, new InMemoryFeatureStore(), store, publisher,
                    DecisionConfiguration.limits(properties), TestDecisions.NO_METRICS, Clock.systemUTC());
        }
    }

    /** Switched on by a test: the outcome store's writes fail, as a Redis that is down. */
    static final class StoreOutage {
        volatile boolean down;
    }

    static final String GOOD = """
            {"flow":"payment-risk","entityId":"e-1","requestId":"%s",
             "attributes":{"amount":12.5,"currency":"EUR","merchantId":"m-1"}}""";

    @Autowired
    MockMvcTester mvc;

    @Autowired
    TestDecisions.RecordingPublisher publisher;

    @Autowired
    InMemoryOutcomeStore outcomes;

    @Autowired
    Admission admission;

    private MvcTestResult post(String body) {
        return mvc.post().uri("/v1/decisions").contentType(MediaType.APPLICATION_JSON).content(body).exchange();
    }

    @Test
    void get_finalOutcome_mayBeCachedForAnHour_anOutcomeThatMayStillChangeMustBeAskedAgain() {
        String location = post(GOOD.formatted("r-cache")).getResponse().getHeader("Location");
        assertThat(mvc.get().uri(location).exchange()).hasStatusOk().hasHeader("Cache-Control", "no-cache");

        Outcome provisional = outcomes.find("default", location.substring(location.lastIndexOf('/') + 1))
                .toCompletableFuture().join().orElseThrow();
        Outcome fin = new Outcome(provisional.decisionId(), provisional.tenant(), provisional.flow(),
                provisional.entityId(), provisional.requestId(), provisional.priority(), OutcomeStatus.FINAL, 2,
                provisional.verdict(), provisional.score(), provisional.model(), provisional.provisionalVerdict(),
                provisional.reasons(), provisional.features(), provisional.requiredEnrichers(), Map.of(),
                provisional.degraded(), provisional.eventTime(), provisional.createdAt(), provisional.updatedAt(),
                provisional.deadline());
        outcomes.update(fin, 1).toCompletableFuture().join();

        assertThat(mvc.get().uri(location).exchange()).hasStatusOk().hasHeader("ETag", "\"2\"")
                .hasHeader("Cache-Control", "max-age=3600, public");
        assertThat(mvc.get().uri(location).header("If-None-Match", "\"2\"").exchange())
                .hasStatus(HttpStatus.NOT_MODIFIED).hasHeader("Cache-Control", "max-age=3600, public");
    }

    @Autowired
    OutcomeWatchers watchers;

    @Autowired
    SimpleMeterRegistry meters;

    private Outcome stored(String location) {
        return outcomes.find("default", location.substring(location.lastIndexOf('/') + 1)).toCompletableFuture()
                .join().orElseThrow();
    }

    /** Stores the next version of the decision with {@code status} and tells the watchers, as the feed would. */
    private void change(String location, OutcomeStatus status) {
        Outcome o = stored(location);
        Outcome next = new Outcome(o.decisionId(), o.tenant(), o.flow(), o.entityId(), o.requestId(), o.priority(),
                status, o.version() + 1, o.verdict(), o.score(), o.model(), o.provisionalVerdict(), o.reasons(),
                o.features(), o.requiredEnrichers(), Map.of(), o.degraded(), o.eventTime(), o.createdAt(),
                o.updatedAt(), o.deadline());
        outcomes.update(next, o.version()).toCompletableFuture().join();
        watchers.changed(new OutcomeChange(next.decisionId(), next.tenant(), next.flow(), next.entityId(), status,
                next.version(), next.verdict(), next.provisionalVerdict(), next.score(), List.of(), List.of(),
                Instant.now()));
    }

    private double longPolls(String result) {
        var counter = meters.find("tandem.watch.long.polls").tag("result", result).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void longPoll_returnsAsSoonAsTheVersionIsStored_notAtItsTimeout() throws Exception {
        String location = post(GOOD.formatted("r-lp1")).getResponse().getHeader("Location");
        double reachedBefore = longPolls("reached");
        Thread changer = Thread.ofVirtual().start(() -> {
            // the poll is waiting once it is registered (and if it never does, it answers at its timeout: fails)
            long giveUp = System.nanoTime() + 10_000_000_000L;
            while (watchers.size() == 0 && System.nanoTime() < giveUp) {
                Thread.yield();
            }
            change(location, OutcomeStatus.ENRICHING);
        });

        MvcTestResult result = mvc.get().uri(location + "?waitForVersion=2&timeout=30s").exchange();
        changer.join();

        assertThat(result).hasStatusOk().hasHeader("ETag", "\"2\"");
        assertThat(result).bodyJson().extractingPath("$.status").isEqualTo("ENRICHING");
        assertThat(longPolls("reached")).isEqualTo(reachedBefore + 1);
        assertThat(watchers.size()).isZero();
    }

    @Test
    void longPoll_withoutAChange_answersTheCurrentDocumentAtItsTimeout() {
        String location = post(GOOD.formatted("r-lp2")).getResponse().getHeader("Location");
        double timedOutBefore = longPolls("timed_out");

        MvcTestResult result = mvc.get().uri(location + "?waitForVersion=2&timeout=150ms").exchange();

        assertThat(result).hasStatusOk().hasHeader("ETag", "\"1\"");
        assertThat(longPolls("timed_out")).isEqualTo(timedOutBefore + 1);
        assertThat(watchers.size()).isZero();
    }

    @Test
    void longPoll_forAVersionAlreadyStored_orOfAFinalDecision_answersAtOnce() {
        String location = post(GOOD.formatted("r-lp3")).getResponse().getHeader("Location");
        double atOnceBefore = longPolls("at_once");

        assertThat(mvc.get().uri(location + "?waitForVersion=1&timeout=60s").exchange()).hasStatusOk()
                .hasHeader("ETag", "\"1\"");
        change(location, OutcomeStatus.FINAL);
        assertThat(mvc.get().uri(location + "?waitForVersion=9&timeout=60s").exchange()).hasStatusOk()
                .hasHeader("ETag", "\"2\"");

        assertThat(longPolls("at_once")).isEqualTo(atOnceBefore + 2);
    }

    @Test
    void longPoll_badParameters_areProblemsNamingThem() {
        String location = post(GOOD.formatted("r-lp4")).getResponse().getHeader("Location");

        assertThat(mvc.get().uri(location + "?waitForVersion=two").exchange()).hasStatus(HttpStatus.BAD_REQUEST)
                .bodyJson().extractingPath("$.errors[0].field").isEqualTo("waitForVersion");
        assertThat(mvc.get().uri(location + "?waitForVersion=0").exchange()).hasStatus(HttpStatus.BAD_REQUEST)
                .bodyJson().extractingPath("$.errors[0].field").isEqualTo("waitForVersion");
        assertThat(mvc.get().uri(location + "?waitForVersion=2&timeout=10m").exchange())
                .hasStatus(HttpStatus.BAD_REQUEST).bodyJson().extractingPath("$.errors[0].message")
                .asString().contains("at most 60s");
        assertThat(mvc.get().uri(location + "?waitForVersion=2&timeout=soon").exchange())
                .hasStatus(HttpStatus.BAD_REQUEST).bodyJson().extractingPath("$.errors[0].field").isEqualTo("timeout");
        assertThat(mvc.get().uri(location + "?timeout=5s").exchange()).hasStatus(HttpStatus.BAD_REQUEST)
                .bodyJson().extractingPath("$.errors[0].field").isEqualTo("timeout");
    }

    @Test
    void longPoll_ofAnUnknownDecision_is404() {
        assertThat(mvc.get().uri("/v1/decisions/nope?waitForVersion=2&timeout=1s").exchange())
                .hasStatus(HttpStatus.NOT_FOUND);
        assertThat(watchers.size()).isZero();
    }

    @Test
    void get_withMatchingIfNoneMatch_is304AndUnknownIdIs404Problem() {
        String location = post(GOOD.formatted("r-3")).getResponse().getHeader("Location");

        assertThat(mvc.get().uri(location).exchange()).hasStatusOk().hasHeader("ETag", "\"1\"");
        assertThat(mvc.get().uri(location).header("If-None-Match", "\"1\"").exchange()).hasStatus(HttpStatus.NOT_MODIFIED);
        assertThat(mvc.get().uri("/v1/decisions/nope").exchange()).hasStatus(HttpStatus.NOT_FOUND)
                .bodyJson().extractingPath("$.type").isEqualTo("https://tandem.dev/problems/decision-not-found");
    }

    @Test
    void unknownPathAndWrongMethod_areProblems() {
        assertProblem(mvc.get().uri("/v1/nothing-here").exchange(), HttpStatus.NOT_FOUND, "no-such-resource");
        assertProblem(mvc.delete().uri("/v1/decisions/x").exchange(), HttpStatus.METHOD_NOT_ALLOWED, "method-not-allowed");
    }

    private static void assertProblem(MvcTestResult result, HttpStatus status, String type) {
        assertThat(result).hasStatus(status).hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(result).bodyJson().extractingPath("$.type").isEqualTo("https://tandem.dev/problems/" + type);
    }
}
