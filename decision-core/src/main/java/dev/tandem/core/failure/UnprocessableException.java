package dev.tandem.core.failure;

/**
 * This input can never be processed as it is (it names an unknown flow, its outcome no longer
 * exists, it is empty). Not retryable: a consumer sends it to the dead-letter topic at once, with
 * this message as the reason, and moves on.
 */
public class UnprocessableException extends RuntimeException {

    public UnprocessableException(String message) {
        super(message);
    }
}
