package dev.tandem.support.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.protocol.CommandType;
import io.lettuce.core.resource.ClientResources;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class RedisConnectionConfigurationTests {

    @Test
    void lettuceCommandsTimeOut_andWaitInABoundedQueue() {
        var builder = ClientOptions.builder();

        new RedisConnectionConfiguration().tandemLettuceOptions(new RedisClientProperties(500)).customize(builder);
        ClientOptions options = builder.build();

        assertThat(options.getRequestQueueSize()).isEqualTo(500);
        assertThat(options.getTimeoutOptions().isTimeoutCommands()).isTrue();
        assertThat(ClientOptions.create().getRequestQueueSize()).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void commandLatencies_areTimersByCommand() {
        var meters = new SimpleMeterRegistry();
        var builder = ClientResources.builder();
        new RedisConnectionConfiguration().tandemRedisCommandLatencies(meters).customize(builder);
        ClientResources resources = builder.build();
        try {
            var redis = InetSocketAddress.createUnresolved("localhost", 6379);
            resources.commandLatencyRecorder().recordCommandLatency(redis, redis, CommandType.EVALSHA,
                    TimeUnit.MICROSECONDS.toNanos(150), TimeUnit.MICROSECONDS.toNanos(300));

            var completion = meters.get("lettuce.command.completion").tag("command", "EVALSHA").timer();
            assertThat(completion.count()).isEqualTo(1);
            assertThat(completion.totalTime(TimeUnit.MICROSECONDS)).isEqualTo(300);
        }
        finally {
            resources.shutdown();
        }
    }
}
