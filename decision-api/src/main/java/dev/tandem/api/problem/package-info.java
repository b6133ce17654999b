/** RFC 9457 problem details: one stable {@code type} per kind of error, with the offending fields. */
@NullMarked
package dev.tandem.api.problem;

import org.jspecify.annotations.NullMarked;
