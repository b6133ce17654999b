package dev.tandem.support.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.kafka.support.serializer.DeserializationException;

class DeadLetterReasonTests {

    @Test
    void of_unreadableRecord_namesTheRootCause() {
        var failure = new DeserializationException("failed to deserialize", new byte[0], false,
                new SerializationException("not Avro single-object encoding"));

        assertThat(DeadLetterReason.of(failure)).isEqualTo(
                "DeserializationException: failed to deserialize; caused by SerializationException: not Avro single-object encoding");
        assertThat(DeadLetterReason.retryable(failure)).isFalse();
    }

    @Test
    void of_listenerFailure_leavesOutTheFrameworkWrapper() {
        var failure = new ListenerExecutionFailedException("Listener failed", new IllegalStateException("redis down"));

        assertThat(DeadLetterReason.of(failure)).isEqualTo("IllegalStateException: redis down");
        assertThat(DeadLetterReason.retryable(failure)).isTrue();
    }

    @Test
    void of_invalidRecord_isNotRetryable() {
        assertThat(DeadLetterReason.retryable(new ListenerExecutionFailedException("x", new IllegalArgumentException("unknown flow"))))
                .isFalse();
    }
}
