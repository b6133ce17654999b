package dev.tandem.support.kafka;

import java.util.ArrayList;
import java.util.List;

import dev.tandem.core.failure.UnprocessableException;
import org.apache.kafka.common.errors.SerializationException;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.kafka.support.serializer.DeserializationException;

/**
 * The one-line reason written into a dead letter's {@code tandem-dlt-reason} header: the failure
 * and each of its causes, outermost first, leaving out the framework's wrappers.
 */
final class DeadLetterReason {

    private static final int MAX_LENGTH = 1_000;

    private DeadLetterReason() {
    }

    /** The failure and its causes, such as {@code DeserializationException: ...; caused by SerializationException: ...}. */
    static String of(Throwable failure) {
        List<String> parts = new ArrayList<>();
        for (Throwable t = failure; t != null && parts.size() < 5; t = t.getCause()) {
            if ((t instanceof ListenerExecutionFailedException || t instanceof BatchListenerFailedException)
                    && t.getCause() != null) {
                continue;
            }
            parts.add(t.getClass().getSimpleName() + ": " + t.getMessage());
            if (t.getCause() == t) {
                break;
            }
        }
        String reason = String.join("; caused by ", parts);
        return reason.length() <= MAX_LENGTH ? reason : reason.substring(0, MAX_LENGTH - 1) + "…";
    }

    /** Whether retrying the same record could succeed: never for records that cannot be read or are invalid. */
    static boolean retryable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof DeserializationException || t instanceof SerializationException
                    || t instanceof IllegalArgumentException || t instanceof UnprocessableException) {
                return false;
            }
        }
        return true;
    }
}
