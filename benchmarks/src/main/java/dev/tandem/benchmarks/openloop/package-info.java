/**
 * Open-loop load, as wrk2 makes it: sends due at a constant rate by the clock, latencies from each send's due time
 * (no coordinated omission), over a pool of keep-alive HTTP/1.1 connections, into HdrHistograms.
 */
@NullMarked
package dev.tandem.benchmarks.openloop;

import org.jspecify.annotations.NullMarked;
