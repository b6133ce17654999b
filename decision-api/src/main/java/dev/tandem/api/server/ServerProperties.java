package dev.tandem.api.server;

import jakarta.validation.constraints.PositiveOrZero;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The HTTP server's settings ({@code tandem.api.server.*}); {@code platform-selectors} is read by
 * {@link JettyThreadsConfiguration}'s condition.
 *
 * @param headerCacheSize the nodes of the trie in which Jetty keeps, for each connection, the header lines it has
 *        seen, to parse a repeated one into the same field without allocating it again (ADR 0036). Jetty's 1,024
 *        make a {@code char[]} of 98 KB for every connection; an API client's few header lines take about 150
 *        nodes. 0 turns the cache off
 */
@Validated
@ConfigurationProperties("tandem.api.server")
public record ServerProperties(@DefaultValue("256") @PositiveOrZero int headerCacheSize) {
}
