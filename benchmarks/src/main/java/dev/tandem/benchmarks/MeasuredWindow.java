package dev.tandem.benchmarks;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * A meter's reading of one window that starts a while from now: so that a load run started at once can be measured
 * over its measured window alone, its warm-up being the wait. The two samples are taken on a virtual thread of their own.
 */
final class MeasuredWindow {

    private MeasuredWindow() {
    }

    /**
     * Samples {@code after} from now and again {@code window} later, and gives what {@code between} makes of the two.
     *
     * @param name the sampling thread's name
     */
    static <S, U> CompletableFuture<U> over(String name, Duration after, Duration window, Supplier<S> sample,
            BiFunction<S, S, U> between) {
        var use = new CompletableFuture<U>();
        long start = System.nanoTime();
        Thread.ofVirtual().name(name).start(() -> {
            try {
                sleepUntil(start + after.toNanos());
                S from = sample.get();
                sleepUntil(start + after.toNanos() + window.toNanos());
                use.complete(between.apply(from, sample.get()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                use.completeExceptionally(e);
            } catch (RuntimeException e) {
                use.completeExceptionally(e);
            }
        });
        return use;
    }

    private static void sleepUntil(long nanos) throws InterruptedException {
        long left = nanos - System.nanoTime();
        if (left > 0) {
            Thread.sleep(Duration.ofNanos(left));
        }
    }
}
