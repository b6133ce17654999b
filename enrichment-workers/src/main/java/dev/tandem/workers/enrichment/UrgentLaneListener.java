package dev.tandem.workers.enrichment;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import dev.tandem.schemas.event.DecisionMade;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.listener.BatchMessageListener;

/**
 * An enricher's listener on the urgent lane, telling the {@link LaneGate} how long each poll's oldest record waited
 * (from its timestamp, the time decision-api published it) and when the poll's work is done.
 */
final class UrgentLaneListener implements BatchMessageListener<String, DecisionMade> {

    private final BatchMessageListener<String, DecisionMade> delegate;
    private final LaneGate gate;
    private final Clock clock;

    UrgentLaneListener(BatchMessageListener<String, DecisionMade> delegate, LaneGate gate, Clock clock) {
        this.delegate = delegate;
        this.gate = gate;
        this.clock = clock;
    }

    @Override
    public void onMessage(List<ConsumerRecord<String, DecisionMade>> records) {
        boolean behind = gate.urgentStarted(oldestWait(records));
        try {
            delegate.onMessage(records);
        } finally {
            gate.urgentFinished(behind);
        }
    }

    /** How long the oldest of {@code records} has waited; zero when none has a timestamp. */
    private Duration oldestWait(List<ConsumerRecord<String, DecisionMade>> records) {
        long oldest = Long.MAX_VALUE;
        for (ConsumerRecord<String, DecisionMade> record : records) {
            if (record.timestamp() >= 0) {
                oldest = Math.min(oldest, record.timestamp());
            }
        }
        return oldest == Long.MAX_VALUE ? Duration.ZERO : Duration.ofMillis(Math.max(0, clock.millis() - oldest));
    }
}
