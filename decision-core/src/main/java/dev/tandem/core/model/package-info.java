/** The {@code Model} port and the configured logistic model that stands until trained models replace it. */
@NullMarked
package dev.tandem.core.model;

import org.jspecify.annotations.NullMarked;
