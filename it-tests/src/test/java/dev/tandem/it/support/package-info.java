/**
 * Test infrastructure for the end-to-end tests: real Kafka and Redis ({@link dev.tandem.it.support.TestInfrastructure})
 * and the three services started against them ({@link dev.tandem.it.support.TandemPlatform}).
 */
@NullMarked
package dev.tandem.it.support;

import org.jspecify.annotations.NullMarked;
