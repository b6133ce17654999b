package dev.tandem.core.model;

/**
 * Which model a flow uses: a registry name and the version to activate at start-up
 * ({@code tandem.flows.<flow>.fast-model.name} and {@code .version}).
 */
public record ModelChoice(String name, String version) {

    public ModelChoice {
        if (name == null || name.isBlank() || version == null || version.isBlank()) {
            throw new IllegalArgumentException("a model choice needs a name and a version");
        }
    }
}
