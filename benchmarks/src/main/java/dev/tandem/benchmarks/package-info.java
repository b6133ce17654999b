/**
 * JMH benchmarks of Tandem's hot paths, run with {@code ./tandem bench models}; results and how to
 * read them are in docs/benchmarks.md.
 */
@NullMarked
package dev.tandem.benchmarks;

import org.jspecify.annotations.NullMarked;
