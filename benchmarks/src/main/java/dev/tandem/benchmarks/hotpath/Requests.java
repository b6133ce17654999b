package dev.tandem.benchmarks.hotpath;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.function.LongFunction;

import dev.tandem.benchmarks.openloop.HttpRequests;
import dev.tandem.benchmarks.openloop.LoadRun;
import dev.tandem.benchmarks.platform.DecisionRequests;

/**
 * Each target's server, requests and what its answers count as. The decisions of both decision targets are the same
 * requests ({@link DecisionRequests}), and the feature reads are spread over the same entities.
 */
final class Requests {

    private static final byte[] DEGRADED = "\"degraded\":true".getBytes(StandardCharsets.US_ASCII);

    private final int apiPort;
    private final int allSyncPort;
    private final DecisionRequests decisions;

    Requests(int apiPort, int allSyncPort, DecisionRequests decisions) {
        this.apiPort = apiPort;
        this.allSyncPort = allSyncPort;
        this.decisions = decisions;
    }

    InetSocketAddress server(Target target) {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), target == Target.ALL_SYNC ? allSyncPort : apiPort);
    }

    LongFunction<byte[]> of(Target target) {
        String authority = "localhost:" + server(target).getPort();
        return switch (target) {
            case NOOP -> {
                byte[] noop = HttpRequests.get(authority, "/floor/noop");
                yield i -> noop;
            }
            case FEATURES -> i -> HttpRequests.get(authority, "/floor/features/" + decisions.entityOf(i));
            case DECISION, ALL_SYNC -> i -> HttpRequests.postJson(authority, "/v1/decisions", decisions.body(i));
            case OVERLOAD -> throw new IllegalArgumentException("the overload run's requests depend on its mix: use"
                    + " decisions(mix)");
        };
    }

    /** The hybrid decisions, each with its priority from {@code mix}: the overload run's requests. */
    LongFunction<byte[]> decisions(Mix mix) {
        String authority = "localhost:" + apiPort;
        return i -> HttpRequests.postJson(authority, "/v1/decisions", decisions.body(i, mix.of(i)));
    }

    /**
     * 200 for the floors, 201 for decisions (a refused overload decision, 503, is a failure here: the overload run
     * counts its refusals by priority itself); an answer that says {@code "degraded":true} is counted apart. */
    static LoadRun.Judge judge(Target target) {
        int expected = target.decides() ? 201 : 200;
        return (status, body) -> status != expected ? LoadRun.Kind.FAILED
                : contains(body, DEGRADED) ? LoadRun.Kind.DEGRADED : LoadRun.Kind.OK;
    }

    static boolean contains(byte[] body, byte[] marker) {
        outer:
        for (int i = 0; i <= body.length - marker.length; i++) {
            for (int j = 0; j < marker.length; j++) {
                if (body[i + j] != marker[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
