package dev.tandem.workers.enrichment;

import java.util.List;

import dev.tandem.schemas.event.DecisionMade;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.listener.BatchMessageListener;

/** An enricher's listener on the urgent lane, telling the {@link LaneGate} while it works. */
final class UrgentLaneListener implements BatchMessageListener<String, DecisionMade> {

    private final BatchMessageListener<String, DecisionMade> delegate;
    private final LaneGate gate;

    UrgentLaneListener(BatchMessageListener<String, DecisionMade> delegate, LaneGate gate) {
        this.delegate = delegate;
        this.gate = gate;
    }

    @Override
    public void onMessage(List<ConsumerRecord<String, DecisionMade>> records) {
        gate.urgentStarted();
        try {
            delegate.onMessage(records);
        } finally {
            gate.urgentFinished();
        }
    }
}
