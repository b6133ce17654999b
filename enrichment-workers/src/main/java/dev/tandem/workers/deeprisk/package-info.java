/** The deep-risk enricher: the heavy model ({@code payment-risk-deep}) scored on whole batches in ONNX Runtime. */
@NullMarked
package dev.tandem.workers.deeprisk;

import org.jspecify.annotations.NullMarked;
