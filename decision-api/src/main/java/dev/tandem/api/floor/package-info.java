/**
 * Floors for the hot-path benchmark ({@code ./tandem bench hotpath}): what decision-api answers when it does no work
 * at all, and when it only reads an entity's online features. Off unless {@code tandem.api.floor-endpoints=true}.
 */
@NullMarked
package dev.tandem.api.floor;

import org.jspecify.annotations.NullMarked;
