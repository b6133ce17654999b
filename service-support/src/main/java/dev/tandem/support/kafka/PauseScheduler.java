package dev.tandem.support.kafka;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * The scheduler that resumes listener containers after a back-off pause ({@link AvroListeners#batchFactory}). Held
 * in this bean rather than declared as a {@code TaskScheduler} bean: any {@code Executor} bean makes Spring Boot
 * drop its own application task executor.
 *
 * @param scheduler started, one thread; stopped with the bean
 */
public record PauseScheduler(ThreadPoolTaskScheduler scheduler) implements DisposableBean {

    /** A started scheduler whose thread is named {@code threadNamePrefix…}. */
    public static PauseScheduler named(String threadNamePrefix) {
        var scheduler = new ThreadPoolTaskScheduler();
        scheduler.setThreadNamePrefix(threadNamePrefix);
        scheduler.initialize();
        return new PauseScheduler(scheduler);
    }

    @Override
    public void destroy() {
        scheduler.shutdown();
    }
}
