/** Flows as configuration: the attributes a flow takes, its enrichers, deadline, thresholds and models. */
@NullMarked
package dev.tandem.core.flow;

import org.jspecify.annotations.NullMarked;
