package dev.tandem.support.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.ClientOptions;
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
}
