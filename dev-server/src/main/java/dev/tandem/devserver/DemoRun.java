package dev.tandem.devserver;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Sends the planned decisions at a steady rate, prints each provisional answer, and polls the open ones until
 * they are final (or timed out), printing each final answer beside what it was first.
 */
final class DemoRun {

    private static final Duration POLL_EVERY = Duration.ofMillis(500);

    private record Pending(int seq, DemoRequest request, DecisionView provisional, long sentNanos) {
    }

    private final DecisionClient client;
    private final PrintStream out;
    private final Map<String, Pending> pending = new LinkedHashMap<>();
    private final Map<String, Integer> finalOutcomes = new TreeMap<>();
    private int sent;
    private int changed;
    private int failed;
    private long lastPoll;

    DemoRun(DecisionClient client, PrintStream out) {
        this.client = client;
        this.out = out;
    }

    void run(List<DemoRequest> requests, double ratePerSecond, Duration finalTimeout)
            throws DecisionClient.Unreachable, InterruptedException {
        long interval = (long) (1e9 / ratePerSecond);
        long start = System.nanoTime();
        for (int i = 0; i < requests.size(); i++) {
            long due = start + i * interval;
            while (System.nanoTime() < due) {
                pollIfDue();
                Thread.sleep(Math.max(1, Math.min(50, (due - System.nanoTime()) / 1_000_000)));
            }
            send(i + 1, requests.get(i));
        }
        long deadline = System.nanoTime() + finalTimeout.toNanos();
        while (!pending.isEmpty() && System.nanoTime() < deadline) {
            pollIfDue();
            Thread.sleep(50);
        }
        summarise(finalTimeout);
    }

    private void send(int seq, DemoRequest request) throws DecisionClient.Unreachable, InterruptedException {
        String what = String.format(Locale.ROOT, "#%02d  %-10s %s %8s", seq, request.entity().entityId(),
                request.currency(), request.amount().toPlainString());
        try {
            DecisionView provisional = client.decide(request);
            sent++;
            out.println(what + "  ->  " + provisional.decisionId() + "  " + provisional.summary());
            if (provisional.settled()) {
                settle(provisional, new Pending(seq, request, provisional, System.nanoTime()));
            } else {
                pending.put(provisional.decisionId(), new Pending(seq, request, provisional, System.nanoTime()));
            }
        } catch (DecisionClient.UnexpectedResponse e) {
            failed++;
            out.println(what + "  ->  rejected: " + e.getMessage());
        }
    }

    private void pollIfDue() throws DecisionClient.Unreachable, InterruptedException {
        if (System.nanoTime() - lastPoll < POLL_EVERY.toNanos()) {
            return;
        }
        lastPoll = System.nanoTime();
        for (Iterator<Map.Entry<String, Pending>> it = pending.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Pending> entry = it.next();
            try {
                DecisionView now = client.read(entry.getKey());
                if (now.settled()) {
                    it.remove();
                    settle(now, entry.getValue());
                }
            } catch (DecisionClient.UnexpectedResponse e) {
                it.remove();
                failed++;
                out.println(String.format(Locale.ROOT, "     #%02d  %s  could not be read: %s",
                        entry.getValue().seq(), entry.getKey(), e.getMessage()));
            }
        }
    }

    private void settle(DecisionView last, Pending pending) {
        finalOutcomes.merge(last.outcome(), 1, Integer::sum);
        boolean flipped = !last.outcome().equals(pending.provisional().outcome());
        if (flipped) {
            changed++;
        }
        out.println(String.format(Locale.ROOT, "     #%02d  %-10s final  %s  %s   after %.1f s%s", pending.seq(),
                pending.request().entity().entityId(), last.decisionId(), last.summaryWithEnrichers(),
                (System.nanoTime() - pending.sentNanos()) / 1e9,
                flipped ? "   (provisional was " + pending.provisional().outcome() + ")" : ""));
    }

    private void summarise(Duration finalTimeout) {
        out.println();
        out.println(String.format(Locale.ROOT, "%d decisions sent, %d rejected; final outcomes %s; %d changed by"
                + " enrichment", sent, failed, finalOutcomes, changed));
        if (!pending.isEmpty()) {
            out.println(pending.size() + " still not final after " + finalTimeout.toSeconds() + " s: "
                    + String.join(", ", pending.keySet()));
        }
    }
}
