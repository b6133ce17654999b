package dev.tandem.api.admission;

import org.jspecify.annotations.Nullable;

/**
 * How far behind the asynchronous half is (ADR 0030): of the decisions announced so far, how many the slowest of a
 * flow's required enrichers has not taken yet, as last read.
 */
interface EnrichmentBacklog {

    /** What a new decision of {@code flow} would wait behind; {@link Backlog#NONE} when that is not known. */
    Backlog of(@Nullable String flow);

    /**
     * What a new decision waits behind, by its priority, at the slowest of its flow's required enrichers.
     *
     * @param standard for a CRITICAL or STANDARD decision: the decisions on the main lane not taken yet
     * @param bulk for a BULK decision: those on both lanes (an enricher pauses its BULK lane while the main lane is
     *        behind or busy, ADR 0037, so under load a BULK decision waits behind both)
     */
    record Backlog(long standard, long bulk) {

        /** Nothing behind, or nothing known: the backlog refuses nothing. */
        static final Backlog NONE = new Backlog(0, 0);
    }
}
