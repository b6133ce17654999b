package dev.tandem.core.flow;

/**
 * Why one field of a request was refused.
 *
 * @param field the field's path in the request document, such as {@code attributes.amount}
 * @param message what is wrong, in words a caller can act on
 */
public record AttributeViolation(String field, String message) {
}
