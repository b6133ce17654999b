/** The HTTP server's threads: Jetty's selectors on platform threads, each request on a virtual thread (ADR 0033). */
@NullMarked
package dev.tandem.api.server;

import org.jspecify.annotations.NullMarked;
