package dev.tandem.api.watch;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who waits for which outcomes to change: a decision's long polls and event streams, a flow's event streams. The
 * {@link OutcomeFeed} hands every change it reads to {@link #changed}; listeners are called on the feed's thread
 * and must only take note (signal a waiting thread, offer to a bounded queue), never block. At most
 * {@code maxWatchers} registrations exist at once: each holds a connection open, and the bound is what keeps a flood
 * of watchers from taking every connection. Thread-safe.
 */
public final class OutcomeWatchers {

    private static final Logger log = LoggerFactory.getLogger(OutcomeWatchers.class);

    /** Called with each change of what it watches. */
    @FunctionalInterface
    public interface Listener {
        void changed(OutcomeChange change);
    }

    /** Ends a watch; closing twice is harmless. */
    public interface Registration extends AutoCloseable {
        @Override
        void close();
    }

    /** Refused: {@code maxWatchers} are registered already. Retryable later. */
    public static final class TooManyWatchers extends RuntimeException {
        TooManyWatchers(int max) {
            super("this instance already holds its " + max + " watchers (long polls and event streams); retry shortly");
        }
    }

    private final Map<String, Set<Watch>> byDecision = new ConcurrentHashMap<>();
    private final Map<String, Set<Watch>> byFlow = new ConcurrentHashMap<>();
    private final AtomicInteger count = new AtomicInteger();
    private final int maxWatchers;

    public OutcomeWatchers(int maxWatchers) {
        if (maxWatchers < 1) {
            throw new IllegalArgumentException("maxWatchers must be at least 1, was " + maxWatchers);
        }
        this.maxWatchers = maxWatchers;
    }

    /**
     * Watches one decision's changes.
     *
     * @throws TooManyWatchers when {@code maxWatchers} are registered already
     */
    public Registration decision(String tenant, String decisionId, Listener listener) {
        return register(byDecision, decisionId, tenant, listener);
    }

    /**
     * Watches the changes of every decision of a flow.
     *
     * @throws TooManyWatchers when {@code maxWatchers} are registered already
     */
    public Registration flow(String tenant, String flow, Listener listener) {
        return register(byFlow, flow, tenant, listener);
    }

    /** Whether a change of this decision (or of any flow) has a listener: the feed decodes only those. */
    boolean wants(String decisionId) {
        return byDecision.containsKey(decisionId) || !byFlow.isEmpty();
    }

    /** Tells the listeners of this decision and of its flow, in the same tenant. */
    public void changed(OutcomeChange change) {
        notify(byDecision.get(change.decisionId()), change);
        notify(byFlow.get(change.flow()), change);
    }

    /** Registrations open now. */
    public int size() {
        return count.get();
    }

    private Registration register(Map<String, Set<Watch>> index, String key, String tenant, Listener listener) {
        if (count.incrementAndGet() > maxWatchers) {
            count.decrementAndGet();
            throw new TooManyWatchers(maxWatchers);
        }
        var watch = new Watch(tenant, listener);
        index.compute(key, (k, watches) -> {
            Set<Watch> set = watches != null ? watches : ConcurrentHashMap.newKeySet();
            set.add(watch);
            return set;
        });
        var closed = new AtomicBoolean();
        return () -> {
            if (closed.compareAndSet(false, true)) {
                index.computeIfPresent(key, (k, watches) -> {
                    watches.remove(watch);
                    return watches.isEmpty() ? null : watches;
                });
                count.decrementAndGet();
            }
        };
    }

    private static void notify(@Nullable Set<Watch> watches, OutcomeChange change) {
        if (watches == null) {
            return;
        }
        for (Watch watch : watches) {
            if (!watch.tenant.equals(change.tenant())) {
                continue;
            }
            try {
                watch.listener.changed(change);
            }
            catch (RuntimeException ex) {
                log.warn("an outcome watcher failed on {} v{}", change.decisionId(), change.version(), ex);
            }
        }
    }

    /** Identity matters: two watches of one key are two entries. */
    private static final class Watch {
        final String tenant;
        final Listener listener;

        Watch(String tenant, Listener listener) {
            this.tenant = tenant;
            this.listener = listener;
        }
    }
}
