package dev.tandem.benchmarks.merge;

import java.time.Duration;
import java.util.ArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * {@code callers} callers, each with one write in flight (it waits for Redis's answer before the next), over one
 * shared connection: Lettuce pipelines the callers' commands. A caller is a platform thread that blocks on each
 * answer, or (chained) a chain of completions. Warm-up first, then a timed window.
 */
final class CallerRun {

    /** What one window measured. */
    record Result(String path, int callers, long writes, long notApplied, long failures, Duration window,
            long jvmCpuNanos, long redisCpuNanos) {

        /** CPU time per write of this JVM (callers, Lettuce, JSON), in µs. */
        double jvmCpuMicros() {
            return jvmCpuNanos / 1e3 / writes;
        }

        /** CPU time per write of redis-server, in µs (10 ms resolution over the window); negative when unknown. */
        double redisCpuMicros() {
            return redisCpuNanos < 0 ? -1 : redisCpuNanos / 1e3 / writes;
        }

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
     * A caller without a thread: the next write is issued from the completion of the previous one (on Lettuce's
     * I/O thread), so that no thread is woken per write.
     */
    private record Chain(MergePath path, AtomicLong calls, AtomicBoolean stop, AtomicBoolean counting,
            LongAdder writes, LongAdder notApplied, LongAdder failures) {

        void next() {
            if (stop.get()) {
                return;
            }
            path.write(calls.getAndIncrement()).whenComplete((applied, failure) -> {
                if (counting.get()) {
                    if (failure != null) {
                        failures.increment();
                    } else {
                        writes.increment();
                        if (!applied) {
                            notApplied.increment();
                        }
                    }
                }
                if (failure == null) {
                    next();
                }
            });
        }
    }

    /**
     * @param calls the path's call numbers, shared by every run of the same path so that merges keep finding the
     *     version they expect
     */
    static Result measure(MergePath path, AtomicLong calls, int callers, Duration warmUp, Duration window,
            CpuClock cpu, boolean chained) throws InterruptedException {
        var stop = new AtomicBoolean();
        var counting = new AtomicBoolean();
        var writes = new LongAdder();
        var notApplied = new LongAdder();
        var failures = new LongAdder();
        var threads = new ArrayList<Thread>();
        for (int c = 0; c < callers && chained; c++) {
            var chain = new Chain(path, calls, stop, counting, writes, notApplied, failures);
            chain.next();
        }
        for (int c = 0; c < callers && !chained; c++) {
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
        long jvm = cpu.jvmNanos();
        long redis = cpu.redisNanos();
        counting.set(true);
        long start = System.nanoTime();
        Thread.sleep(window);
        counting.set(false);
        long elapsed = System.nanoTime() - start;
        long jvmUsed = cpu.jvmNanos() - jvm;
        long redisUsed = redis < 0 ? -1 : cpu.redisNanos() - redis;
        stop.set(true);
        for (Thread thread : threads) {
            thread.join();
        }
        if (chained) {
            Thread.sleep(200); // the chains' last writes land before the next row starts
        }
        return new Result(path.name(), callers, writes.sum(), notApplied.sum(), failures.sum(),
                Duration.ofNanos(elapsed), jvmUsed, redisUsed);
    }
}
