package dev.tandem.core.failure;

/**
 * A dependency (Redis, Kafka, an external provider) failed or did not answer in time. Retryable:
 * the same input can succeed once the dependency is back, so a consumer keeps retrying it rather
 * than dead-lettering it.
 */
public class DependencyException extends RuntimeException {

    /**
     * @param dependency what failed, such as {@code redis} or {@code kafka}
     * @param operation what was being done, in words
     */
    public DependencyException(String dependency, String operation, Throwable cause) {
        super(dependency + " failed while " + operation + ": " + describe(cause), cause);
    }

    private static String describe(Throwable cause) {
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }
}
