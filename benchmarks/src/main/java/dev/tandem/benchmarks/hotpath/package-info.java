/**
 * {@code ./tandem bench hotpath}: the synchronous hot path, open loop, side by side with its floors (decision-api
 * doing nothing; decision-api only reading the features) and with the all-sync design it replaces (the enrichers and
 * the full model inline, in a small server built from the services' own classes and configuration); and, when asked
 * for, the overload run: CRITICAL decisions alone, then three times their rate with a mix of priorities that
 * admission sheds by.
 */
@NullMarked
package dev.tandem.benchmarks.hotpath;

import org.jspecify.annotations.NullMarked;
