/** The {@code Enricher} SPI and the Kafka adapter that runs every enricher a decision requires. */
@NullMarked
package dev.tandem.workers.enrichment;

import org.jspecify.annotations.NullMarked;
