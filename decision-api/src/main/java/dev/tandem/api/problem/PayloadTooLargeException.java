package dev.tandem.api.problem;

import java.io.IOException;

/** A request body went past the configured limit while it was being read. */
final class PayloadTooLargeException extends IOException {

    PayloadTooLargeException(long limit) {
        super("The request body is larger than the limit of " + limit + " bytes");
    }
}
