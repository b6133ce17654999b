/**
 * Deadlines: every decision's deadline is indexed from {@code tandem.decisions}, and a sweeper
 * finalises outcomes whose deadline passed with enrichers missing as TIMED_OUT, each claimed once.
 */
@NullMarked
package dev.tandem.blender.deadline;

import org.jspecify.annotations.NullMarked;
