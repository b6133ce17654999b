/** The online feature store: an entity's features, read in one round trip. */
@NullMarked
package dev.tandem.core.features;

import org.jspecify.annotations.NullMarked;
