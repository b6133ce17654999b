/**
 * A simulated external IP-reputation provider: {@link dev.tandem.simulator.ProviderSimulator} answers
 * {@code GET /v1/ip/{ip}} with a {@link dev.tandem.simulator.Reputation} derived from the address alone, waiting and
 * failing as its {@link dev.tandem.simulator.Behaviour} says, which tests and people change at run time. Plain JDK, no
 * dependencies: the local run, it-tests and the pipeline benchmark start it in process.
 */
@NullMarked
package dev.tandem.simulator;

import org.jspecify.annotations.NullMarked;
