package dev.tandem.support.flow;

import java.nio.file.Path;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where model artefacts are kept, prefix {@code tandem.models}.
 *
 * @param dir a folder of versioned artefacts ({@code <name>/<version>/model.onnx} and {@code card.json})
 *        looked up before the classpath samples; none by default
 */
@ConfigurationProperties("tandem.models")
public record ModelsProperties(@Nullable Path dir) {
}
