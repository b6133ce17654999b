package dev.tandem.api.dashboard;

import java.net.URI;

/** Reads one source's metrics. Implementations are thread-safe; {@link HttpScraper} is the real one. */
@FunctionalInterface
interface Scraper {

    /**
     * Looks at {@code url} now.
     *
     * @return the samples the panels use, or a down scrape saying why; never throws for a source that fails
     */
    Scrape scrape(String source, URI url);

    /** Lets go of what the scraper holds (connections, threads); called when the dashboard closes. */
    default void close() {
    }
}
