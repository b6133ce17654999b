package dev.tandem.it.support;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.StatusOutput;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;

/**
 * Puts the tests' Redis to sleep ({@code DEBUG SLEEP}: it answers nobody meanwhile) from a connection of its own,
 * opened up front, so the command is on the wire as soon as {@link #sleep} returns.
 */
public final class RedisSleeper implements AutoCloseable {

    private final RedisClient client = RedisClient.create(TestInfrastructure.redisUrl());
    private final StatefulRedisConnection<String, String> connection = client.connect();

    /** Starts a sleep of {@code seconds}; completes with the moment Redis answers again. */
    public CompletableFuture<Instant> sleep(int seconds) {
        connection.setTimeout(java.time.Duration.ofSeconds(seconds + 30L));
        return connection.async().dispatch(CommandType.DEBUG, new StatusOutput<>(StringCodec.UTF8),
                new CommandArgs<>(StringCodec.UTF8).add("SLEEP").add(seconds)).toCompletableFuture()
                .thenApply(ok -> Instant.now());
    }

    @Override
    public void close() {
        connection.close();
        client.shutdown();
    }
}
