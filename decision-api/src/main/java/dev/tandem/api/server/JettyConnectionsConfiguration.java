package dev.tandem.api.server;

import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jetty.ConfigurableJettyWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Jetty's connections sized for API clients (ADR 0036): each connection's header cache holds
 * {@code tandem.api.server.header-cache-size} nodes instead of Jetty's 1,024.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ServerProperties.class)
class JettyConnectionsConfiguration {

    @Bean
    WebServerFactoryCustomizer<ConfigurableJettyWebServerFactory> headerCache(ServerProperties properties) {
        return factory -> factory.addServerCustomizers(server -> headerCacheSize(server, properties.headerCacheSize()));
    }

    /** Every HTTP/1.1 connector of {@code server} caches {@code size} nodes of header lines per connection. */
    static void headerCacheSize(Server server, int size) {
        for (Connector connector : server.getConnectors()) {
            HttpConnectionFactory http = connector.getConnectionFactory(HttpConnectionFactory.class);
            if (http != null) {
                http.getHttpConfiguration().setHeaderCacheSize(size);
            }
        }
    }
}
