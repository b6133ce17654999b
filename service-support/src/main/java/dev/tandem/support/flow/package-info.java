/** The flows every service reads from {@code tandem.flows.*} ({@code tandem-flows.yml}). */
@NullMarked
package dev.tandem.support.flow;

import org.jspecify.annotations.NullMarked;
