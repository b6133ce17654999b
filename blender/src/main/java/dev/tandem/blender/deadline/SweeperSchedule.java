package dev.tandem.blender.deadline;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/** Runs the sweeper on one daemon thread, every interval, from start to stop of the context. */
class SweeperSchedule implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SweeperSchedule.class);

    private final DeadlineSweeper sweeper;
    private final Duration interval;
    private volatile ScheduledExecutorService executor;

    SweeperSchedule(DeadlineSweeper sweeper, Duration interval) {
        this.sweeper = sweeper;
        this.interval = interval;
    }

    @Override
    public void start() {
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            var thread = new Thread(runnable, "deadline-sweeper");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(this::sweepOnce, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void sweepOnce() {
        try {
            sweeper.sweep();
        }
        catch (RuntimeException ex) {
            // Redis down, say: the next pass tries again; nothing is lost, deadlines stay indexed
            log.atWarn().setCause(ex).log("deadline sweep failed; retrying next interval");
        }
    }

    @Override
    public void stop() {
        ScheduledExecutorService running = executor;
        if (running != null) {
            running.shutdownNow();
            executor = null;
        }
    }

    @Override
    public boolean isRunning() {
        return executor != null;
    }
}
