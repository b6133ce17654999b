/** The decision console: a page that asks for a decision and follows it to its final outcome. */
@NullMarked
package dev.tandem.api.console;

import org.jspecify.annotations.NullMarked;
