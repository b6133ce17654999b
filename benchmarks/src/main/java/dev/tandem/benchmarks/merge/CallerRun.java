package dev.tandem.benchmarks.merge;

import java.time.Duration;
import java.util.ArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * {@code callers} threads, each with one write in flight (it waits for Redis's answer before the next), over one
 * shared connection: Lettuce pipelines the callers' commands. Warm-up first, then a timed window.
 */
final class CallerRun {

    /** What one window measured. */
    record Result(String path, int callers, long writes, long notApplied, long failures, Duration window) {

        double perSecond() {
            return writes / (window.toNanos() / 1e9);
        }

        /** Mean time per write seen by one caller, by Little's law (callers ÷ throughput), in µs. */
        double meanMicros() {
            return callers / perSecond() * 1e6;
        }
    }

    private CallerRun() {
    }

    /**
     * @param calls the path's call numbers, shared by every run of the same path so that merges keep finding the
     *     version they expect
     */
    static Result measure(MergePath path, AtomicLong calls, int callers, Duration warmUp, Duration window)
            throws InterruptedException {
        var stop = new AtomicBoolean();
        var counting = new AtomicBoolean();
        var writes = new LongAdder();
        var notApplied = new LongAdder();
        var failures = new LongAdder();
        var threads = new ArrayList<Thread>();
        for (int c = 0; c < callers; c++) {
            threads.add(Thread.ofPlatform().name("caller-" + c).start(() -> {
                while (!stop.get()) {
                    boolean applied;
                    try {
                        applied = path.write(calls.getAndIncrement()).toCompletableFuture().join();
                    } catch (RuntimeException e) {
                        if (counting.get()) {
                            failures.increment();
                        }
                        continue;
                    }
                    if (counting.get()) {
                        writes.increment();
                        if (!applied) {
                            notApplied.increment();
                        }
                    }
                }
            }));
        }
        Thread.sleep(warmUp);
        counting.set(true);
        long start = System.nanoTime();
        Thread.sleep(window);
        counting.set(false);
        long elapsed = System.nanoTime() - start;
        stop.set(true);
        for (Thread thread : threads) {
            thread.join();
        }
        return new Result(path.name(), callers, writes.sum(), notApplied.sum(), failures.sum(),
                Duration.ofNanos(elapsed));
    }
}
