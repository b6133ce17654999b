package dev.tandem.core.flow;

/**
 * One attribute a flow accepts.
 *
 * @param type the kind of value
 * @param required whether a request must carry it
 */
public record AttributeSpec(AttributeType type, boolean required) {
}
