package dev.tandem.benchmarks.openloop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;

import org.jspecify.annotations.Nullable;

/**
 * A run's one I/O thread: owns a selector and the pool of {@link Connection}s, makes each send once it is due and a
 * connection is idle (the one idle longest, so that the load spreads over the whole pool as wrk2 spreads it), and reads
 * the answers. Nothing is handed to it: it knows the sends from the {@link Schedule}, and the pacing thread only wakes
 * it ({@link #due}) when a send falls due while it waits in the selector.
 */
final class EventLoop implements Runnable {

    /** A safety net only: the pacing thread wakes the loop when a send is due, the run's end wakes it too. */
    private static final long SELECT_MILLIS = 100;

    private final Selector selector;
    private final Schedule schedule;
    private final long total;
    private final LongFunction<byte[]> requests;
    private final Tally tally;
    private final String noAnswer;
    private final List<Connection> connections = new ArrayList<>();
    private final ArrayDeque<Connection> idle = new ArrayDeque<>();
    private final ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
    /** The next send to make: written by the loop alone, read by the pacing thread. */
    private volatile long next;
    private volatile boolean selecting;
    private volatile boolean stopping;
    private volatile @Nullable Exception failure;

    EventLoop(InetSocketAddress server, int connectionCount, Schedule schedule, long total,
            LongFunction<byte[]> requests, Tally tally, String noAnswer) {
        try {
            selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException("no selector for the load generator", e);
        }
        this.schedule = schedule;
        this.total = total;
        this.requests = requests;
        this.tally = tally;
        this.noAnswer = noAnswer;
        for (int c = 0; c < connectionCount; c++) {
            var connection = new Connection(server, selector);
            connections.add(connection);
            idle.add(connection);
        }
    }

    /**
     * Send {@code i} is due now: wakes the loop if it waits in the selector and has not made it (any thread; the
     * pacing one calls it).
     */
    void due(long i) {
        if (selecting && next <= i) {
            selector.wakeup();
        }
    }

    /** Ends the loop: the sends in flight end as {@code noAnswer}, the ones not made yet are never made. */
    void stop() {
        stopping = true;
        selector.wakeup();
    }

    /** Whether the loop has not stopped on a failure of its own. */
    boolean healthy() {
        return failure == null;
    }

    /** What stopped the loop, when it was not {@link #stop}: a selector that failed (never a send's failure). */
    @Nullable Exception failure() {
        return failure;
    }

    /** Connections opened, reopenings included (once the loop has ended). */
    long opened() {
        return connections.stream().mapToLong(Connection::opened).sum();
    }

    /** The number of sends made so far. */
    long made() {
        return next;
    }

    @Override
    public void run() {
        try {
            while (!stopping) {
                sendDue();
                selecting = true;
                if (stopping || sendable(System.nanoTime())) {
                    selector.selectNow(this::ready);
                } else {
                    selector.select(this::ready, SELECT_MILLIS);
                }
                selecting = false;
            }
        } catch (IOException | RuntimeException e) {
            failure = e;
        } finally {
            long now = System.nanoTime();
            for (Connection connection : connections) {
                Connection.Send abandoned = connection.abandon();
                if (abandoned != null) {
                    tally.failed(abandoned.i(), abandoned.dueNanos(), noAnswer, now);
                }
            }
            try {
                selector.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }

    private void sendDue() {
        long now = System.nanoTime();
        while (sendable(now)) {
            long i = next;
            next = i + 1;
            send(idle.remove(), i);
        }
    }

    private boolean sendable(long nowNanos) {
        return next < total && !idle.isEmpty() && schedule.dueNanos(next) <= nowNanos;
    }

    private void send(Connection connection, long i) {
        long due = schedule.dueNanos(i);
        tally.sent(i, due, System.nanoTime());
        byte[] request;
        try {
            request = requests.apply(i);
        } catch (RuntimeException e) {
            tally.failed(i, due, e.getClass().getSimpleName(), System.nanoTime());
            idle.addFirst(connection);
            return;
        }
        ended(connection, connection.start(new Connection.Send(i, due, ByteBuffer.wrap(request))));
    }

    private void ready(SelectionKey key) {
        var connection = (Connection) key.attachment();
        ended(connection, connection.ready(key, buffer));
    }

    private void ended(Connection connection, Connection.@Nullable Ended ended) {
        if (ended == null) {
            return;
        }
        long now = System.nanoTime();
        Connection.Send send = ended.send();
        switch (ended) {
            case Connection.Answered answer -> tally.answered(send.i(), send.dueNanos(), answer.status(),
                    answer.body(), now);
            case Connection.Failed failed -> tally.failed(send.i(), send.dueNanos(),
                    failed.error().getClass().getSimpleName(), now);
        }
        idle.add(connection);
    }
}
