package dev.tandem.api.watch;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who waits for which outcomes to change: a decision's long polls and event streams, a flow's event streams. The
 * {@link OutcomeFeed} hands every change it reads to {@link #changed}; listeners are called on the feed's thread
 * and must only take note (signal a waiting thread, offer to a bounded queue), never block. At most
 * {@code maxWatchers} registrations exist at once: each holds a connection open, and the bound is what keeps a flood
 * of watchers from taking every connection. The feed reads only while someone watches ({@link #activity()}).
 * Thread-safe.
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

    /**
     * Whether anyone watches, and since when that has been so: since the first of the watchers open now registered,
     * or since the last one closed ({@code null} while nobody has watched yet).
     */
    record Activity(int watchers, @Nullable Instant since) {

        boolean watched() {
            return watchers > 0;
        }
    }

    private final Map<String, Set<Watch>> byDecision = new ConcurrentHashMap<>();
    private final Map<String, Set<Watch>> byFlow = new ConcurrentHashMap<>();
    private final int maxWatchers;
    private final Clock clock;
    /** Changed together, under the lock: the feed must never see watchers without the time they came. */
    private final Object lock = new Object();
    private Activity activity = new Activity(0, null);

    public OutcomeWatchers(int maxWatchers) {
        this(maxWatchers, Clock.systemUTC());
    }

    OutcomeWatchers(int maxWatchers, Clock clock) {
        if (maxWatchers < 1) {
            throw new IllegalArgumentException("maxWatchers must be at least 1, was " + maxWatchers);
        }
        this.maxWatchers = maxWatchers;
        this.clock = clock;
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

    /**
     * Tells the listeners of this decision and of its flow, in the same tenant. A flow's watcher is told only of
     * changes made since it registered: after an idle pause the feed reads again from a little before the first new
     * watcher came ({@link FeedGate}), which a decision's watcher reads past (it has the stored outcome), but which
     * would otherwise fill a flow stream with changes from before it opened.
     */
    public void changed(OutcomeChange change) {
        notify(byDecision.get(change.decisionId()), change);
        notify(byFlow.get(change.flow()), change);
    }

    /** Registrations open now. */
    public int size() {
        return activity().watchers();
    }

    /** Whether anyone watches now, and since when. */
    Activity activity() {
        synchronized (lock) {
            return activity;
        }
    }

    private Registration register(Map<String, Set<Watch>> index, String key, String tenant, Listener listener) {
        Instant now;
        synchronized (lock) {
            int open = activity.watchers();
            if (open >= maxWatchers) {
                throw new TooManyWatchers(maxWatchers);
            }
            now = clock.instant();
            activity = new Activity(open + 1, open == 0 ? now : activity.since());
        }
        var watch = new Watch(tenant, listener, index == byFlow ? now : Instant.MIN);
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
                synchronized (lock) {
                    int open = activity.watchers() - 1;
                    activity = new Activity(open, open == 0 ? clock.instant() : activity.since());
                }
            }
        };
    }

    private static void notify(@Nullable Set<Watch> watches, OutcomeChange change) {
        if (watches == null) {
            return;
        }
        for (Watch watch : watches) {
            if (!watch.tenant.equals(change.tenant()) || change.updatedAt().isBefore(watch.from)) {
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
        /** Changes made before this are not told to it. */
        final Instant from;

        Watch(String tenant, Listener listener, Instant from) {
            this.tenant = tenant;
            this.listener = listener;
            this.from = from;
        }
    }
}
