package dev.tandem.api.decision;

import java.time.Instant;
import java.util.Map;

import dev.tandem.schemas.event.Priority;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import org.jspecify.annotations.Nullable;

/**
 * The body of {@code POST /v1/decisions}. Fields are nullable here because what is missing is
 * reported, field by field, by {@link DecisionService}.
 */
@Schema(description = "What to decide on")
record DecisionRequest(
        @Schema(description = "The flow to decide in", example = "payment-risk", requiredMode = RequiredMode.REQUIRED)
        @Nullable String flow,
        @Schema(description = "Whom the decision is about: the entity whose online features are read; 1 to 128 "
                + "characters", example = "cust-42", requiredMode = RequiredMode.REQUIRED)
        @Nullable String entityId,
        @Schema(description = "The request's attributes, as the flow defines them (payment-risk: amount, a positive "
                + "number; currency, ISO 4217; merchantId; optionally ip and deviceId)",
                requiredMode = RequiredMode.REQUIRED)
        @Nullable Map<String, Object> attributes,
        @Schema(description = "The caller's id of the request, 1 to 128 characters: the same id in the same flow "
                + "means the same decision (a retry is safe); without one, every request is a new decision",
                example = "order-1001")
        @Nullable String requestId,
        @Schema(description = "Which requests are refused first under load: BULK, then STANDARD; CRITICAL last",
                defaultValue = "STANDARD")
        @Nullable Priority priority,
        @Schema(description = "When the event being decided on happened (ISO-8601); now when missing; at most "
                + "tandem.api.max-clock-skew ahead and tandem.api.max-event-age behind")
        @Nullable Instant eventTime) {
}
