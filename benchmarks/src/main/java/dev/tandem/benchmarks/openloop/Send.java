package dev.tandem.benchmarks.openloop;

import java.nio.ByteBuffer;

/**
 * A send of a run on its {@link Connection}.
 *
 * @param i the send's number (warm-up sends included)
 * @param dueNanos when it was due, on {@link System#nanoTime()}'s clock
 * @param request the request's bytes still to write
 */
record Send(long i, long dueNanos, ByteBuffer request) {
}
