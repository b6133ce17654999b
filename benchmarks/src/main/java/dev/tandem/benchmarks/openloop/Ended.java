package dev.tandem.benchmarks.openloop;

/** How a {@link Send} ended on its {@link Connection}. */
sealed interface Ended {

    Send send();

    /** The whole answer came: its status and body (undecoded). */
    record Answered(Send send, int status, byte[] body) implements Ended {
    }

    /** The send failed: no answer, or a broken one. */
    record Failed(Send send, Exception error) implements Ended {
    }
}
