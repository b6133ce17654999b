package dev.tandem.workers.velocity;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.CommandOutput;
import org.jspecify.annotations.Nullable;

/**
 * Reads a reply that is a flat list of integers ({@link Long}) and binary strings (byte arrays, not text; a nil one
 * as {@code null}).
 */
final class BinaryListOutput extends CommandOutput<String, String, List<@Nullable Object>> {

    BinaryListOutput() {
        super(StringCodec.UTF8, new ArrayList<>());
    }

    @Override
    public void set(@Nullable ByteBuffer bytes) {
        if (bytes == null) {
            output.add(null);
            return;
        }
        var copy = new byte[bytes.remaining()];
        bytes.get(copy);
        output.add(copy);
    }

    @Override
    public void set(long integer) {
        output.add(integer);
    }

    @Override
    public void multi(int count) {
        ((ArrayList<@Nullable Object>) output).ensureCapacity(count);
    }
}
