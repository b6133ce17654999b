/** The velocity enricher: an entity's counts and sums over 1 minute, 1 hour and 24 hours. */
@NullMarked
package dev.tandem.workers.velocity;

import org.jspecify.annotations.NullMarked;
