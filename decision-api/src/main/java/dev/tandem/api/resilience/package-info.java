/**
 * Circuit breakers and bulkheads of decision-api's dependencies (Redis, the decision log), and calls guarded by them.
 */
@NullMarked
package dev.tandem.api.resilience;

import org.jspecify.annotations.NullMarked;
