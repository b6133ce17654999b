package dev.tandem.devserver;

import java.io.PrintStream;
import java.util.List;

/**
 * {@code ./tandem demo}: loads about twenty sample entities' online features into Redis, then sends a steady
 * stream of payment decisions to decision-api, printing each provisional answer and, once enrichment is done,
 * its final one. Needs a running Tandem ({@code ./tandem up}).
 *
 * <p>From the dev-server exec jar: {@code java -Dloader.main=dev.tandem.devserver.Demo -jar dev-server-*-exec.jar}.
 */
public final class Demo {

    private Demo() {
    }

    public static void main(String[] args) throws InterruptedException {
        PrintStream out = System.out;
        DemoOptions options;
        try {
            options = DemoOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        if (options.help()) {
            out.println(DemoOptions.USAGE);
            return;
        }
        List<DemoEntity> entities = DemoEntity.load();
        try {
            out.println("loading " + entities.size() + " sample entities' features into " + options.redisUrl());
            FeatureLoader.load(options.redisUrl(), entities);
            out.println("sending " + options.count() + " decisions (flows " + DemoRequest.FLOW + " and "
                    + DemoRequest.DEEP_FLOW + ", which adds deep-risk) to "
                    + options.apiUrl() + " at " + options.ratePerSecond() + "/s\n");
            new DemoRun(new DecisionClient(options.apiUrl()), out)
                    .run(DemoRequest.plan(entities, options.count()), options.ratePerSecond(),
                            options.finalTimeout());
        } catch (FeatureLoader.Unreachable | DecisionClient.Unreachable e) {
            System.err.println(e.getMessage());
            System.exit(1);
        }
    }
}
