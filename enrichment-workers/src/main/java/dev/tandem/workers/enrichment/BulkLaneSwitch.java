package dev.tandem.workers.enrichment;

import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * Pauses the partitions of an enricher's BULK lane while its {@link LaneGate} says no, and resumes them when it says
 * yes; run every few tens of milliseconds. Partitions, not the container: the error handler pauses and resumes
 * containers for its back-off, and the two must not undo each other. A paused lane keeps polling (so it keeps its
 * partitions) but takes no records: nothing is buffered while it waits.
 */
final class BulkLaneSwitch implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(BulkLaneSwitch.class);

    private final LaneGate gate;
    private final MessageListenerContainer bulk;
    private volatile boolean paused;

    BulkLaneSwitch(LaneGate gate, MessageListenerContainer bulk) {
        this.gate = gate;
        this.bulk = bulk;
    }

    /**
     * Requests the pause or the resumption of every partition the lane owns now, each time: both are idempotent,
     * and asking again covers partitions a rebalance moved to another consumer thread. (Asking the concurrent
     * container whether a pause is requested would not do: it answers for itself, not for its consumer threads.)
     */
    @Override
    public void run() {
        try {
            boolean pause = !gate.bulkMayRun();
            for (TopicPartition partition : bulk.getAssignedPartitions()) {
                if (pause) {
                    bulk.pausePartition(partition);
                } else {
                    bulk.resumePartition(partition);
                }
            }
            paused = pause;
        } catch (RuntimeException ex) {
            // an exception would cancel the scheduled task for good: log it and try again at the next check
            log.atWarn().setCause(ex).log("pausing or resuming a BULK lane failed");
        }
    }

    /** Whether the lane was paused at the last run: 1 or 0, for a gauge. */
    int paused() {
        return paused ? 1 : 0;
    }
}
