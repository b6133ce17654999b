package dev.tandem.api.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;

import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.junit.jupiter.api.Test;
import org.springframework.boot.jetty.servlet.JettyServletWebServerFactory;

class JettyThreadsConfigurationTests {

    @Test
    void jettysOwnThreadsArePlatformThreads_andItsTasksMayRunOnVirtualThreads() throws Exception {
        var factory = new JettyServletWebServerFactory();

        new JettyThreadsConfiguration().platformSelectors().customize(factory);

        assertThat(factory.getThreadPool()).isInstanceOf(QueuedThreadPool.class);
        var pool = (QueuedThreadPool) factory.getThreadPool();
        var ran = new CompletableFuture<Thread>();
        pool.getVirtualThreadsExecutor().execute(() -> ran.complete(Thread.currentThread()));
        assertThat(ran.get().isVirtual()).isTrue();
        assertThat(ran.get().getName()).startsWith("jetty-request-");
    }
}
