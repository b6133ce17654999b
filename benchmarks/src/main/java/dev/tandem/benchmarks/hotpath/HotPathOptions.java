package dev.tandem.benchmarks.hotpath;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * The options of {@code ./tandem bench hotpath}.
 *
 * @param rates the rates each target is run at, one after the other (one rate unless {@code --rates})
 * @param settle how long each target may run at its rate before its warm-up, until the JVMs' JIT compilers have
 *        settled ({@link JitSettling}); zero: not at all
 * @param warmUp each run's warm-up at its rate, not measured
 * @param window each run's measured window
 * @param targets what to measure, in order
 * @param connections the load generator's keep-alive connections per run
 * @param entities how many entities the requests are spread over (their features are loaded first)
 * @param provider how the IP-reputation provider simulator answers: {@code instant} or {@code realistic}
 * @param mix the overload run's priorities at 3 × the rate
 * @param asynchronous where the hybrid decision's asynchronous half runs: in this JVM ({@code on}), in a second JVM
 *        at the lowest CPU priority ({@code process}), or nowhere ({@code off}: the decision target is the
 *        synchronous path alone, what the hybrid decision would cost if its asynchronous half ran elsewhere)
 */
record HotPathOptions(List<Integer> rates, Duration settle, Duration warmUp, Duration window, List<Target> targets, int connections,
        int entities, String provider, Mix mix, Asynchronous asynchronous) {

    /**
     * A rate the whole hybrid platform (both enrichers, three services, the broker and Redis, with the generator)
     * keeps up with on the 2-core development machine: at 200/s it saturates the cores, the ip-reputation circuit
     * opens on slow calls and decisions time out (seen in this benchmark and in bench pipeline alike). The goals'
     * rates need {@code --rates}.
     */
    static final int DEFAULT_RATE = 100;
    static final List<String> PROVIDERS = List.of("instant", "realistic");

    static final String USAGE = """
            Usage: ./tandem bench hotpath [--rate 100 | --rates 100,200,500,1000,3000] [--seconds 20]
                                          [--settle-seconds 180] [--warmup-seconds 10] [--targets noop,features,decision,all-sync,overload]
                                          [--connections 128] [--entities 10000] [--provider instant|realistic]
                                          [--mix critical=10,standard=30,bulk=60]
                                          [--asynchronous process|on|off]

            Starts Redis, Kafka and the three services (decision-api with its floor endpoints in this JVM, the
            asynchronous half where --asynchronous says), and the all-sync server beside decision-api; loads the
            entities' features; then runs each target open loop at each rate (constant arrival rate, latency from
            each request's due time, wrk2-style, over a pool of keep-alive connections): first until the JIT has
            settled (steps of 10 s until the compilers of every JVM use under 5 % of a core in two steps in a row;
            at most --settle-seconds, rounded up to whole steps, 0 for none; the overload target settles with its
            mix at the rate), then a warm-up, then the measured window. Before each decision target
            Redis is emptied and the features loaded again, and after the hybrid decision the run waits until the
            asynchronous path has finished every decision it accepted.
              noop      GET /floor/noop: decision-api doing nothing (the framework's floor)
              features  GET /floor/features/{entityId}: the feature read alone (the I/O floor)
              decision  POST /v1/decisions: the hybrid decision
              all-sync  POST /v1/decisions on the all-sync server: velocity, ip-reputation and the full model inline
              overload  POST /v1/decisions with a priority (only when named; not in the default targets): CRITICAL
                        decisions alone at the rate (the unloaded baseline), then 3 × the rate with the --mix of
                        priorities (default critical=10,standard=30,bulk=60); admitted and shed (503, 429) answers
                        timed apart per priority; the goal: admitted CRITICAL p99 within 2 × the unloaded p99, shed
                        answers fast. Give it the sustainable rate: --targets overload --rate 100
            --provider: how the IP-reputation simulator answers (instant: at once, never failing, as bench pipeline;
            realistic: 15 ms plus a 10 ms mean tail, 1 % 503, as ./tandem up).
            --asynchronous process (the default): the Kafka broker, enrichment-workers and blender run in a
            second JVM at the lowest CPU priority (SCHED_IDLE through chrt once it is up, else nice 19), with a heap of
            their own, as one host would run the slow half below the answering one; decision-api, the all-sync
            server, the provider and the generator stay in this JVM. Its output goes to
            benchmarks/target/bench-hotpath-asynchronous-half.log.
            --asynchronous on: all of it in this JVM, beside decision-api (as bench pipeline runs it).
            --asynchronous off: payment-risk requires no enrichers in this run and only decision-api runs, so the
            decision target is the synchronous path alone (features, fast model, outcome stored FINAL; no
            DecisionMade, no enrichers, no blender): what the hybrid decision would cost if its asynchronous half ran
            on other hosts. An attribution run, not the hybrid; the all-sync target is unchanged.
            Prints p50/p95/p99/p99.9/max, achieved rate and errors per run; each process's CPU per request, and
            this JVM's heap allocated per request and its collector's pauses, over the measured window; the ratios
            and the goals; and writes them to benchmarks/target/bench-hotpath.md with a percentile plot per rate
            (benchmarks/target/bench-hotpath-<rate>.svg, the overload run's bench-hotpath-overload-<rate>.svg).
            About 30 s per target and rate with the defaults (twice that for overload), plus the settling (10 s to
            3 min each; about 100 s for the hybrid decision at 100/s), the start (about 30 s) and the waits for the
            asynchronous path. The default rate is one the whole hybrid
            platform keeps up with on a 2-core machine; the goals (3,000 decisions/s, 10,000 feature reads/s) need
            --rates, for example --targets noop,features --rates 2000,5000,10000.""";

    HotPathOptions {
        rates = List.copyOf(rates);
        targets = List.copyOf(targets);
        if (rates.isEmpty() || rates.stream().anyMatch(rate -> rate < 1)) {
            throw new IllegalArgumentException("--rate and --rates must be positive");
        }
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("--targets must name at least one target");
        }
        if (window.isNegative() || window.isZero() || warmUp.isNegative() || settle.isNegative()) {
            throw new IllegalArgumentException("--seconds must be positive, --warmup-seconds and --settle-seconds not"
                    + " negative");
        }
        if (connections < 1 || entities < 1) {
            throw new IllegalArgumentException("--connections and --entities must be positive");
        }
        if (!PROVIDERS.contains(provider)) {
            throw new IllegalArgumentException("--provider must be one of " + PROVIDERS + ", not " + provider);
        }
    }

    static HotPathOptions parse(String[] args) {
        List<Integer> rates = null;
        Duration settle = Duration.ofMinutes(3);
        Duration warmUp = Duration.ofSeconds(10);
        Duration window = Duration.ofSeconds(20);
        List<Target> targets = Target.DEFAULTS;
        int connections = 128;
        int entities = 10_000;
        String provider = "instant";
        Mix mix = Mix.DEFAULT;
        Asynchronous asynchronous = Asynchronous.PROCESS;
        for (int i = 0; i < args.length; i += 2) {
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(args[i] + " needs a value");
            }
            String value = args[i + 1];
            switch (args[i]) {
                case "--rate", "--rates" -> {
                    if (rates != null) {
                        throw new IllegalArgumentException("give --rate or --rates, once");
                    }
                    rates = Arrays.stream(value.split(",")).map(String::strip).map(Integer::parseInt).toList();
                }
                case "--settle-seconds" -> settle = Duration.ofSeconds(Long.parseLong(value));
                case "--warmup-seconds" -> warmUp = Duration.ofSeconds(Long.parseLong(value));
                case "--seconds" -> window = Duration.ofSeconds(Long.parseLong(value));
                case "--targets" -> targets = Arrays.stream(value.split(",")).map(String::strip).map(Target::of)
                        .distinct().toList();
                case "--connections" -> connections = Integer.parseInt(value);
                case "--entities" -> entities = Integer.parseInt(value);
                case "--provider" -> provider = value;
                case "--mix" -> mix = Mix.parse(value);
                case "--asynchronous" -> asynchronous = Asynchronous.of(value);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        return new HotPathOptions(rates == null ? List.of(DEFAULT_RATE) : rates, settle, warmUp, window, targets,
                connections, entities, provider, mix, asynchronous);
    }
}
