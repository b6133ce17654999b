package dev.tandem.workers.enrichment;

import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * Pauses the partitions of an enricher's BULK lane while its {@link LaneGate} says no, and resumes them when it says
 * yes; run every few tens of milliseconds. Partitions, not the container: the error handler pauses and resumes
 * containers for its back-off, and the two must not undo each other. A paused lane keeps polling (so it keeps its
 * partitions) but takes no records: nothing is buffered while it waits.
 */
final class BulkLaneSwitch implements Runnable {

    private final LaneGate gate;
    private final MessageListenerContainer bulk;
    private volatile boolean paused;

    BulkLaneSwitch(LaneGate gate, MessageListenerContainer bulk) {
        this.gate = gate;
        this.bulk = bulk;
    }

    @Override
    public void run() {
        boolean pause = !gate.bulkMayRun();
        for (TopicPartition partition : bulk.getAssignedPartitions()) {
            if (pause && !bulk.isPartitionPauseRequested(partition)) {
                bulk.pausePartition(partition);
            } else if (!pause && bulk.isPartitionPauseRequested(partition)) {
                bulk.resumePartition(partition);
            }
        }
        paused = pause;
    }

    /** Whether the lane was paused at the last run: 1 or 0, for a gauge. */
    int paused() {
        return paused ? 1 : 0;
    }
}
