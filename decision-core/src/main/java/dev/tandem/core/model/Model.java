package dev.tandem.core.model;

import java.util.List;
import java.util.Map;

/**
 * A scoring model: features in, a probability out.
 *
 * <p>Implementations are immutable and thread-safe; {@link #predict} does no I/O and does not
 * block. A feature that is absent or not finite takes the model's default for it, and the
 * prediction names it in its reasons, so a caller never has to pre-fill the input.
 */
public interface Model {

    /** The name and version recorded with every prediction. */
    ModelInfo info();

    /** The names of the raw features this model reads, in a stable order. */
    List<String> inputs();

    /**
     * Scores one input.
     *
     * @param features raw feature values by name; may lack some inputs or hold extra ones
     * @return the prediction, never {@code null}
     */
    Prediction predict(Map<String, Double> features);
}
