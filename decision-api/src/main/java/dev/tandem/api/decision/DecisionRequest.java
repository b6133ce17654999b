package dev.tandem.api.decision;

import java.time.Instant;
import java.util.Map;

import dev.tandem.schemas.event.Priority;
import org.jspecify.annotations.Nullable;

/**
 * The body of {@code POST /v1/decisions}. Fields are nullable here because what is missing is
 * reported, field by field, by {@link DecisionService}.
 */
record DecisionRequest(@Nullable String flow, @Nullable String entityId, @Nullable Map<String, Object> attributes,
        @Nullable String requestId, @Nullable Priority priority, @Nullable Instant eventTime) {
}
