package dev.tandem.api.admission;

import java.util.Locale;

import dev.tandem.api.admission.EnrichmentBacklog.Backlog;
import dev.tandem.schemas.event.Priority;

/**
 * When the enrichment backlog refuses a decision before any work (ADR 0030): STANDARD while more than {@code standard}
 * decisions wait ahead of it, BULK while more than {@code bulk} do; CRITICAL never. A decision admitted behind a
 * backlog its deadline cannot wait out ends TIMED_OUT: refused at once, its caller can come back when the enrichers
 * have caught up.
 */
record BacklogLimits(long standard, long bulk) {

    BacklogLimits {
        if (standard < 1 || bulk < 1) {
            throw new IllegalArgumentException("backlog limits must be positive, were " + standard + " and " + bulk);
        }
    }

    /** Whether a decision of {@code priority} is refused behind {@code backlog}. */
    boolean refuses(Priority priority, Backlog backlog) {
        return switch (priority) {
            case CRITICAL -> false;
            case STANDARD -> backlog.standard() > standard;
            case BULK -> backlog.bulk() > bulk;
        };
    }

    /** What a refused caller is told: the backlog its priority waits behind, against its limit. */
    String describe(Priority priority, Backlog backlog) {
        boolean bulkWaits = priority == Priority.BULK;
        return String.format(Locale.ROOT, "%,d decisions wait for enrichment, over %s's limit of %,d",
                bulkWaits ? backlog.bulk() : backlog.standard(), priority, bulkWaits ? bulk : standard);
    }
}
