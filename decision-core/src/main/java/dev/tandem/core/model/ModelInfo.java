package dev.tandem.core.model;

/** A model's registry name and version, recorded with every score it gives. */
public record ModelInfo(String name, String version) {
}
