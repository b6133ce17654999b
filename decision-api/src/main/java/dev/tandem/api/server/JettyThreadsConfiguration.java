package dev.tandem.api.server;

import java.util.concurrent.Executors;

import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnThreading;
import org.springframework.boot.jetty.ConfigurableJettyWebServerFactory;
import org.springframework.boot.thread.Threading;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Jetty's own threads on platform threads, the requests on virtual threads (ADR 0033). With virtual threads on, Spring
 * Boot gives Jetty a {@code VirtualThreadPool}, in which the selectors that wait for the sockets are virtual threads
 * too: every {@code select} then parks its virtual thread and hands the wait to the JDK's poller thread, one more
 * thread to wake per request. Jetty's {@link QueuedThreadPool} with a virtual-thread executor keeps the selectors and
 * the acceptor on pooled platform threads that wait in {@code epoll} themselves, and still runs each request, which
 * blocks, on a virtual thread of its own. {@code tandem.api.server.platform-selectors=false} keeps Boot's pool.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnThreading(Threading.VIRTUAL)
@ConditionalOnBooleanProperty(name = "tandem.api.server.platform-selectors", matchIfMissing = true)
class JettyThreadsConfiguration {

    @Bean
    PlatformSelectors platformSelectors() {
        return new PlatformSelectors();
    }

    /** Replaces the pool Boot's virtual-thread customizer set, so it runs after it. */
    static final class PlatformSelectors implements WebServerFactoryCustomizer<ConfigurableJettyWebServerFactory>,
            Ordered {

        @Override
        public void customize(ConfigurableJettyWebServerFactory factory) {
            var pool = new QueuedThreadPool();
            pool.setName("jetty");
            pool.setVirtualThreadsExecutor(Executors.newThreadPerTaskExecutor(
                    Thread.ofVirtual().name("jetty-request-", 0).factory()));
            factory.setThreadPool(pool);
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }
    }
}
