package dev.tandem.api.admission;

/**
 * How far behind the asynchronous half is (ADR 0030): of the decisions announced on each lane, how many the slowest
 * of the flows' required enrichers has not taken yet, as last read.
 */
interface EnrichmentBacklog {

    /** The backlog as last read; {@link Backlog#NONE} when it is not known. */
    Backlog now();

    /**
     * Decisions not taken yet by the slowest required enricher.
     *
     * @param main on the lane of CRITICAL and STANDARD decisions
     * @param bulk on the BULK lane
     */
    record Backlog(long main, long bulk) {

        /** Nothing behind, or nothing known: the backlog refuses nothing. */
        static final Backlog NONE = new Backlog(0, 0);
    }
}
