package dev.tandem.modellab;

import java.util.List;

/**
 * The events of one generated world, in event-time order.
 *
 * @param seed the seed that made them
 * @param events the observed events
 * @param accounts how many accounts were simulated
 */
record GeneratedData(long seed, List<LabelledEvent> events, int accounts) {

    GeneratedData {
        events = List.copyOf(events);
    }

    double positiveRate() {
        return events.isEmpty() ? 0 : events.stream().filter(LabelledEvent::fraud).count() / (double) events.size();
    }
}
