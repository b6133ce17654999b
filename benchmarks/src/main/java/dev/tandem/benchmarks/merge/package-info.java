/**
 * {@code ./tandem bench merge}: results per second through the Lua merge ({@code RedisOutcomeStore.apply}) against
 * a real redis-server, at 1, 4 and 16 callers on one shared Lettuce connection, beside two baselines run the same
 * way: an EVALSHA of a script that does nothing, and a plain HSET of the same fields.
 */
@NullMarked
package dev.tandem.benchmarks.merge;

import org.jspecify.annotations.NullMarked;
