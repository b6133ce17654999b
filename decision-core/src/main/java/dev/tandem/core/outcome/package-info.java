/** Outcomes: the stored, versioned result of a decision, and the store that keeps them in Redis. */
@NullMarked
package dev.tandem.core.outcome;

import org.jspecify.annotations.NullMarked;
