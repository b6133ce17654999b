package dev.tandem.core.failure;

import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Waits for a dependency's answer on the calling thread, for at most a timeout, and turns every way
 * it can fail (an error, no answer in time, an interrupt) into a {@link DependencyException}, which
 * consumers retry until the dependency is back.
 */
public final class Await {

    private Await() {
    }

    /**
     * @param dependency what is waited for, such as {@code redis}
     * @param operation what was being done, in words, for the failure's message
     */
    public static <T> T on(CompletionStage<T> stage, Duration timeout, String dependency, String operation) {
        try {
            return stage.toCompletableFuture().get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new DependencyException(dependency, operation + " (interrupted)", ex);
        }
        catch (ExecutionException ex) {
            throw new DependencyException(dependency, operation, ex.getCause() != null ? ex.getCause() : ex);
        }
        catch (TimeoutException ex) {
            throw new DependencyException(dependency, operation + " (no answer within " + timeout + ")", ex);
        }
    }
}
