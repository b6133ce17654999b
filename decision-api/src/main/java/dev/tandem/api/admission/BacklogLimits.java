package dev.tandem.api.admission;

import java.util.Locale;

import dev.tandem.api.admission.EnrichmentBacklog.Backlog;
import dev.tandem.schemas.event.Priority;

/**
 * When the enrichment backlog refuses a decision before any work (ADR 0030): STANDARD when the main lane's backlog is
 * over {@code standard}, BULK when both lanes' together are over {@code bulk} (the workers pause the BULK lane while
 * the main lane is busy, so a BULK decision waits behind both); CRITICAL never. A decision admitted behind a backlog
 * its deadline cannot wait out ends TIMED_OUT: refused at once, its caller can come back when the enrichers have
 * caught up.
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
            case STANDARD -> backlog.main() > standard;
            case BULK -> backlog.main() + backlog.bulk() > bulk;
        };
    }

    /** What a refused caller is told: the backlog its priority waits behind, against its limit. */
    String describe(Priority priority, Backlog backlog) {
        return priority == Priority.BULK
                ? String.format(Locale.ROOT, "%,d decisions wait for enrichment, over BULK's limit of %,d",
                        backlog.main() + backlog.bulk(), bulk)
                : String.format(Locale.ROOT, "%,d decisions wait for enrichment, over %s's limit of %,d",
                        backlog.main(), priority, standard);
    }
}
