/** The flows decision-api serves, described for clients (the console builds its form from them). */
@NullMarked
package dev.tandem.api.flow;

import org.jspecify.annotations.NullMarked;
