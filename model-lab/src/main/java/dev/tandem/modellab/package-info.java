/**
 * The model lab: a seeded generator of labelled payment events, training of the fast and the full
 * payment-risk models with Tribuo, their ONNX export and model cards, and the evaluation of what
 * enrichment is worth. A command-line tool ({@link dev.tandem.modellab.ModelLab}), not a service.
 */
@NullMarked
package dev.tandem.modellab;

import org.jspecify.annotations.NullMarked;
