package dev.tandem.blender.deadline;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/** A fake {@link DeadlineIndex} in memory. */
final class InMemoryDeadlineIndex implements DeadlineIndex {

    final Map<Due, Instant> deadlines = new ConcurrentHashMap<>();

    @Override
    public CompletionStage<?> add(String tenant, String decisionId, Instant deadline) {
        deadlines.put(new Due(tenant, decisionId), deadline);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public List<Due> due(Instant now, int limit) {
        return deadlines.entrySet().stream().filter(e -> !e.getValue().isAfter(now)).map(Map.Entry::getKey)
                .limit(limit).toList();
    }

    @Override
    public void remove(Due due) {
        deadlines.remove(due);
    }
}
