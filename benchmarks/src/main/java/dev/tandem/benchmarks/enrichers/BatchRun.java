package dev.tandem.benchmarks.enrichers;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import dev.tandem.benchmarks.merge.CpuClock;
import dev.tandem.workers.enrichment.BatchSizer;
import dev.tandem.workers.enrichment.Enricher;
import dev.tandem.workers.enrichment.EnrichmentAnswer;
import dev.tandem.workers.enrichment.EnrichmentRequest;
import org.HdrHistogram.Histogram;
import org.jspecify.annotations.Nullable;

/**
 * One row of the table: {@code threads} callers (the enricher's consumer threads in the service), each calling the
 * enricher with one batch at a time and waiting for its answers, as a listener does, for a warm-up and then a
 * measured window. Allocation and CPU are the whole JVM's over the window (driver threads, the enricher's own
 * threads, Lettuce's I/O thread), per record enriched.
 */
final class BatchRun {

    private static final int WARMING = 0;
    private static final int MEASURING = 1;
    private static final int STOPPED = 2;

    /** How each batch is sized: a fixed size, or the service's adaptive {@link BatchSizer}. */
    interface Sizing {

        int next();

        void observe(int size, long nanos);

        /** {@code "8"} or {@code "adaptive"}. */
        String label();

        static Sizing fixed(int size) {
            return new Sizing() {
                public int next() {
                    return size;
                }

                public void observe(int batch, long nanos) {
                }

                public String label() {
                    return Integer.toString(size);
                }
            };
        }

        static Sizing adaptive(BatchSizer sizer) {
            return new Sizing() {
                public int next() {
                    return sizer.size();
                }

                public void observe(int batch, long nanos) {
                    sizer.observe(batch, nanos);
                }

                public String label() {
                    return "adaptive";
                }
            };
        }
    }

    /**
     * What one row measured.
     *
     * @param latency batch latency in µs, from the call to the last answer
     * @param objective the enricher's latency objective (the adaptive row is judged against it)
     * @param target the adaptive size at the end of the window (the fixed size otherwise)
     */
    record Result(String enricher, String size, int threads, long records, long batches, double seconds,
            Histogram latency, long failures, long allocatedBytes, long cpuNanos, long serverCpuNanos,
            Duration objective, int target) {

        double perSecond() {
            return records / seconds;
        }

        double meanBatch() {
            return batches == 0 ? 0 : records / (double) batches;
        }

        double bytesPerRecord() {
            return records == 0 ? 0 : allocatedBytes / (double) records;
        }

        double cpuMicrosPerRecord() {
            return records == 0 ? 0 : cpuNanos / 1e3 / records;
        }

        /** The CPU of the server the enricher calls (redis-server) per record, or -1 when there is none. */
        double serverCpuMicrosPerRecord() {
            return records == 0 || serverCpuNanos < 0 ? -1 : serverCpuNanos / 1e3 / records;
        }

        double p99Millis() {
            return latency.getValueAtPercentile(99) / 1e3;
        }
    }

    private BatchRun() {
    }

    /** @param server the CPU clock of the server the enricher calls, or {@code null} when it calls none */
    static Result measure(String name, Enricher enricher, @Nullable CpuClock server, RequestPool pool, Sizing sizing,
            int threads, Duration objective, Duration warmUp, Duration window) throws InterruptedException {
        var phase = new AtomicInteger(WARMING);
        var drivers = new ArrayList<Driver>();
        var started = new ArrayList<Thread>();
        for (int i = 0; i < threads; i++) {
            var driver = new Driver(enricher, pool, sizing, phase);
            drivers.add(driver);
            started.add(Thread.ofPlatform().name("bench-" + name + "-" + i).start(driver));
        }
        Thread.sleep(warmUp.toMillis());
        long allocated = allocatedBytes();
        long cpu = cpuNanos();
        long serverCpu = server == null ? -1 : server.redisNanos();
        long start = System.nanoTime();
        phase.set(MEASURING);
        Thread.sleep(window.toMillis());
        phase.set(STOPPED); // batches in progress finish and count: they started in the window
        for (Thread thread : started) {
            thread.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        allocated = allocatedBytes() - allocated;
        cpu = cpuNanos() - cpu;
        serverCpu = server == null || serverCpu < 0 ? -1 : server.redisNanos() - serverCpu;
        var latency = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
        long records = 0;
        long batches = 0;
        long failures = 0;
        for (Driver driver : drivers) {
            if (driver.error != null) {
                throw new IllegalStateException(name + " failed: " + driver.error, driver.error);
            }
            latency.add(driver.latency);
            records += driver.records;
            batches += driver.batches;
            failures += driver.failures;
        }
        return new Result(name, sizing.label(), threads, records, batches, seconds, latency, failures, allocated, cpu,
                serverCpu, objective, sizing.next());
    }

    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getTotalThreadAllocatedBytes();
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** One caller: a batch, wait for its answers, the next batch. Its counts are read after it has ended. */
    private static final class Driver implements Runnable {

        final Histogram latency = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
        final Enricher enricher;
        final RequestPool pool;
        final Sizing sizing;
        final AtomicInteger phase;
        long records;
        long batches;
        long failures;
        @Nullable Exception error;

        Driver(Enricher enricher, RequestPool pool, Sizing sizing, AtomicInteger phase) {
            this.enricher = enricher;
            this.pool = pool;
            this.sizing = sizing;
            this.phase = phase;
        }

        @Override
        public void run() {
            try {
                for (int at = phase.get(); at != STOPPED; at = phase.get()) {
                    int size = sizing.next();
                    List<EnrichmentRequest> batch = pool.next(size);
                    long start = System.nanoTime();
                    int failed = call(batch);
                    long nanos = System.nanoTime() - start;
                    sizing.observe(size, nanos);
                    if (at == MEASURING) {
                        latency.recordValue(Math.min(latency.getHighestTrackableValue(), nanos / 1_000));
                        records += size;
                        batches++;
                        failures += failed;
                    }
                }
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                error = ex;
            } catch (RuntimeException ex) {
                error = ex;
            }
        }

        /** Enriches one batch and returns how many of its requests did not get features. */
        private int call(List<EnrichmentRequest> batch) throws InterruptedException {
            try {
                List<EnrichmentAnswer> answers = enricher.enrich(batch).toCompletableFuture().get(30, TimeUnit.SECONDS);
                int failed = 0;
                for (EnrichmentAnswer answer : answers) {
                    failed += answer instanceof EnrichmentAnswer.Features ? 0 : 1;
                }
                return failed + batch.size() - answers.size();
            } catch (ExecutionException | TimeoutException ex) {
                return batch.size();
            }
        }
    }
}
