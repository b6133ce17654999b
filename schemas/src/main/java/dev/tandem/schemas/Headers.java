package dev.tandem.schemas;

/**
 * Kafka header names that Tandem writes. Spring Kafka's own dead-letter headers
 * ({@code kafka_dlt-exception-fqcn}, {@code kafka_dlt-exception-message}, original topic, partition
 * and offset) are written as well; these add what a person triaging a dead letter needs first.
 */
public final class Headers {

    /** Why a record was dead-lettered, in one line a human can read. */
    public static final String DEAD_LETTER_REASON = "tandem-dlt-reason";

    /** Whether retrying the record could succeed: {@code true} or {@code false}. */
    public static final String DEAD_LETTER_RETRYABLE = "tandem-dlt-retryable";

    /** The service that dead-lettered the record. */
    public static final String DEAD_LETTER_SERVICE = "tandem-dlt-service";

    /** The tenant the record belongs to. */
    public static final String TENANT = "tandem-tenant";

    private Headers() {
    }
}
