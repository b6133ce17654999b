package dev.tandem.api.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jetty.JettyWebServer;
import org.springframework.boot.jetty.servlet.JettyServletWebServerFactory;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;

class JettyConnectionsConfigurationTests {

    @Test
    void everyHttpConnectorOfTheServerCachesTheConfiguredNodesOfHeaderLines() {
        var factory = new JettyServletWebServerFactory(0);
        new JettyConnectionsConfiguration().headerCache(new ServerProperties(256)).customize(factory);

        var web = (JettyWebServer) factory.getWebServer();
        try {
            web.start(); // Boot holds the connectors back until the server starts
            Server server = web.getServer();
            assertThat(server.getConnectors()).isNotEmpty().allSatisfy(connector -> assertThat(connector
                    .getConnectionFactory(HttpConnectionFactory.class).getHttpConfiguration().getHeaderCacheSize())
                    .isEqualTo(256));
        }
        finally {
            web.stop();
        }
    }

    @Test
    void theCacheIsAQuarterOfJettysUnlessSaid_andNeverNegative() {
        var runner = new ApplicationContextRunner().withUserConfiguration(JettyConnectionsConfiguration.class)
                .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class));

        runner.run(context -> assertThat(context.getBean(ServerProperties.class).headerCacheSize()).isEqualTo(256));
        runner.withPropertyValues("tandem.api.server.header-cache-size=0")
                .run(context -> assertThat(context.getBean(ServerProperties.class).headerCacheSize()).isZero());
        runner.withPropertyValues("tandem.api.server.header-cache-size=-1")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("headerCacheSize"));
    }
}
