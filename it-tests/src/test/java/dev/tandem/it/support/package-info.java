/**
 * Test infrastructure for the end-to-end tests: real Kafka and Redis ({@link dev.tandem.it.support.TestInfrastructure}),
 * the three services started against them ({@link dev.tandem.it.support.TandemPlatform}), blender in a child process
 * that a test can kill ({@link dev.tandem.it.support.ServiceProcess}), and tools that look at topics and consumer
 * groups from the outside ({@link dev.tandem.it.support.KafkaProbe}, {@link dev.tandem.it.support.GroupProbe}).
 */
@NullMarked
package dev.tandem.it.support;

import org.jspecify.annotations.NullMarked;
