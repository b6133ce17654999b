/**
 * The feature cache hierarchy of the synchronous path: an in-process cache (L1, Caffeine) in front of the Redis
 * online store (L2), invalidated through Redis pub/sub when writers change an entity's features.
 */
@NullMarked
package dev.tandem.api.features;

import org.jspecify.annotations.NullMarked;
