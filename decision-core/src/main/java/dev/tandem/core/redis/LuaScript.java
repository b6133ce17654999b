package dev.tandem.core.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.CommandOutput;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;

/**
 * A Lua script loaded from the classpath and run with EVALSHA, falling back to EVAL once when the
 * server does not know it yet (after a restart or on a new node).
 */
public final class LuaScript {

    private final String source;
    private final String sha;

    private LuaScript(String source) {
        this.source = source;
        try {
            var digest = MessageDigest.getInstance("SHA-1").digest(source.getBytes(StandardCharsets.UTF_8));
            this.sha = HexFormat.of().formatHex(digest);
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** Loads a script next to {@code anchor}'s package, by file name. */
    public static LuaScript load(Class<?> anchor, String fileName) {
        try (InputStream in = anchor.getResourceAsStream(fileName)) {
            if (in == null) {
                throw new IllegalStateException("Lua script " + fileName + " not found next to " + anchor.getName());
            }
            return new LuaScript(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * Runs the script with EVALSHA, and once more with EVAL if the server does not know it.
     *
     * @param keys the keys the script touches; in a cluster they must share a hash slot
     * @return the reply, converted as {@code type} says; completes on Lettuce's I/O thread, exceptionally
     *         with the server's or the connection's error
     */
    public <T> CompletionStage<T> run(RedisAsyncCommands<String, String> redis, ScriptOutputType type, String[] keys,
            String... args) {
        CompletionStage<T> first = redis.evalsha(sha, type, keys, args);
        return first.handle((value, failure) -> {
            if (failure == null) {
                return CompletableFuture.completedStage(value);
            }
            Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
            if (cause instanceof RedisNoScriptException) {
                CompletionStage<T> retried = redis.eval(source, type, keys, args);
                return retried;
            }
            return CompletableFuture.<T>failedStage(cause);
        }).thenCompose(stage -> stage);
    }

    /**
     * Runs the script with binary arguments and a reply that {@code output} reads, for scripts whose arguments or
     * reply are not text; with EVALSHA, and once more with EVAL if the server does not know it.
     *
     * @param output makes the reader of one reply (a new one for each attempt)
     * @param keys the keys the script touches; in a cluster they must share a hash slot
     * @param args the arguments, sent as they are
     */
    public <T> CompletionStage<T> run(RedisAsyncCommands<String, String> redis,
            Supplier<CommandOutput<String, String, T>> output, String[] keys, List<byte[]> args) {
        CompletionStage<T> first = redis.dispatch(CommandType.EVALSHA, output.get(), arguments(sha, keys, args));
        return first.handle((value, failure) -> {
            if (failure == null) {
                return CompletableFuture.completedStage(value);
            }
            Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
            if (cause instanceof RedisNoScriptException) {
                CompletionStage<T> retried = redis.dispatch(CommandType.EVAL, output.get(),
                        arguments(source, keys, args));
                return retried;
            }
            return CompletableFuture.<T>failedStage(cause);
        }).thenCompose(stage -> stage);
    }

    private static CommandArgs<String, String> arguments(String script, String[] keys, List<byte[]> args) {
        var arguments = new CommandArgs<>(StringCodec.UTF8).add(script).add(keys.length).addKeys(keys);
        for (byte[] arg : args) {
            arguments.add(arg);
        }
        return arguments;
    }
}
