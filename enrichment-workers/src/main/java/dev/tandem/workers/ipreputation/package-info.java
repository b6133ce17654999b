/**
 * The ip-reputation enricher: the reputation of a decision's {@code ip} from an external provider over HTTP, with
 * explicit connect and read timeouts, a bound on calls in flight, and a circuit breaker that turns a provider outage
 * into backpressure (the partitions pause) instead of a failed result for every decision.
 */
@NullMarked
package dev.tandem.workers.ipreputation;

import org.jspecify.annotations.NullMarked;
