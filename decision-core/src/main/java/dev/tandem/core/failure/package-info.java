/**
 * What a failure means for a record or request, in its type: retry until a dependency is back, or
 * give up on this input for good. Kafka error handling and HTTP mapping switch on these types.
 */
@NullMarked
package dev.tandem.core.failure;

import org.jspecify.annotations.NullMarked;
