package dev.tandem.benchmarks.openloop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;

import org.jspecify.annotations.Nullable;

/**
 * A run's pool of {@link Connection}s and its one I/O thread. A send goes out when it is due and a connection is idle
 * (the one idle longest, so that the load spreads over the whole pool as wrk2 spreads it): written by the pacing
 * thread itself when it falls due ({@link #sendDue}), or by the loop when an answer frees a connection for a send that
 * waited. The loop reads the answers, does what the pacing thread hands it (connecting, a request too large to write
 * at once, a failure to count), and fails the sends of connections that have not connected within
 * {@link LoadRun#CONNECT_TIMEOUT} (it looks every {@value #SELECT_MILLIS} ms). So a request costs two wake-ups, the
 * pacing thread's and the loop's at its answer, not three (pacer, loop to write, loop to read): on the development VM a
 * thread's sleep and wake-up alone costs 15–25 µs of CPU, more than the rest of the request.
 */
final class EventLoop implements Runnable {

    /**
     * A safety net only: the pacing thread wakes the loop when it hands it work, the run's end wakes it too. And how
     * often the loop looks for connects that take too long.
     */
    private static final long SELECT_MILLIS = 100;
    private static final byte[] NO_REQUEST = new byte[0];

    private final Selector selector;
    private final Schedule schedule;
    private final long total;
    private final LongFunction<byte[]> requests;
    private final Tally tally;
    private final String noAnswer;
    private final List<Connection> connections = new ArrayList<>();
    private final ConcurrentLinkedDeque<Connection> idle = new ConcurrentLinkedDeque<>();
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicLong next = new AtomicLong();
    private final ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
    /** When the loop next looks for connects that took too long (its thread only). */
    private long nextExpiry = System.nanoTime();
    private volatile @Nullable Thread thread;
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
            var connection = new Connection(server, selector, LoadRun.CONNECT_TIMEOUT);
            connections.add(connection);
            idle.add(connection);
        }
    }

    /** Makes the sends that are due, as long as connections are idle (any thread; the pacing one calls it). */
    void sendDue() {
        long now = System.nanoTime();
        while (!stopping) {
            long i = next.get();
            if (i >= total || schedule.dueNanos(i) > now) {
                return;
            }
            Connection connection = idle.pollFirst();
            if (connection == null) {
                return; // the next answer frees one, and the loop sends then
            }
            if (next.compareAndSet(i, i + 1)) {
                send(connection, i);
            } else {
                idle.offerFirst(connection);
            }
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

    /** Connections opened, reopenings included. */
    long opened() {
        return connections.stream().mapToLong(Connection::opened).sum();
    }

    /** The number of sends made so far. */
    long made() {
        return next.get();
    }

    @Override
    public void run() {
        thread = Thread.currentThread();
        try {
            while (!stopping) {
                selector.select(this::ready, SELECT_MILLIS);
                runTasks();
                expireConnects();
                sendDue();
            }
        } catch (IOException | RuntimeException e) {
            failure = e;
        } finally {
            runTasks();
            long now = System.nanoTime();
            for (Connection connection : connections) {
                Send abandoned = connection.abandon();
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

    private void runTasks() {
        for (Runnable task = tasks.poll(); task != null; task = tasks.poll()) {
            task.run();
        }
    }

    /** Fails the sends of connections still connecting after the timeout, every {@value #SELECT_MILLIS} ms at most. */
    private void expireConnects() {
        long now = System.nanoTime();
        if (now - nextExpiry < 0) {
            return;
        }
        nextExpiry = now + TimeUnit.MILLISECONDS.toNanos(SELECT_MILLIS);
        for (Connection connection : connections) {
            ended(connection, connection.expire(now));
        }
    }

    private void send(Connection connection, long i) {
        long due = schedule.dueNanos(i);
        tally.sent(i, due, System.nanoTime());
        @Nullable Ended ended;
        try {
            ended = connection.start(new Send(i, due, ByteBuffer.wrap(requests.apply(i))));
        } catch (RuntimeException e) {
            ended = new Ended.Failed(new Send(i, due, ByteBuffer.wrap(NO_REQUEST)), e);
        }
        if (Thread.currentThread() == thread) {
            ended(connection, ended);
        } else if (ended != null || connection.changed()) {
            Ended end = ended;
            tasks.add(() -> ended(connection, end));
            selector.wakeup();
        }
    }

    private void ready(SelectionKey key) {
        var connection = (Connection) key.attachment();
        ended(connection, connection.ready(key, buffer));
    }

    private void ended(Connection connection, @Nullable Ended ended) {
        if (ended == null) {
            return;
        }
        long now = System.nanoTime();
        Send send = ended.send();
        switch (ended) {
            case Ended.Answered answer -> tally.answered(send.i(), send.dueNanos(), answer.status(),
                    answer.body(), now);
            case Ended.Failed failed -> tally.failed(send.i(), send.dueNanos(),
                    failed.error().getClass().getSimpleName(), now);
        }
        idle.offerLast(connection);
    }
}
