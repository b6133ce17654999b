package dev.tandem.devserver;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive lock on the local run's data directory, so that a second {@code ./tandem up} on the same directory
 * fails before it wipes the Kafka data of the first. The operating system releases it when the JVM ends, even on
 * SIGKILL.
 */
final class DataDirLock implements AutoCloseable {

    static final String FILE_NAME = "tandem.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private DataDirLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Locks {@code dataDir}, creating it when missing.
     *
     * @throws IllegalStateException when another running process holds the lock
     */
    static DataDirLock acquire(Path dataDir) throws IOException {
        Files.createDirectories(dataDir);
        Path file = dataDir.resolve(FILE_NAME);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        FileLock lock = channel.tryLock();
        if (lock == null) {
            String holder = Files.readString(file).strip();
            channel.close();
            throw new IllegalStateException("Another Tandem is running with the data directory " + dataDir
                    + (holder.isEmpty() ? "" : " (pid " + holder + ")") + ". Stop it first, or give this one"
                    + " its own directory and ports (./tandem up --data-dir <dir> --kafka-port <port> ...).");
        }
        channel.truncate(0);
        channel.write(ByteBuffer.wrap(String.valueOf(ProcessHandle.current().pid()).getBytes(StandardCharsets.UTF_8)));
        return new DataDirLock(channel, lock);
    }

    @Override
    public void close() throws IOException {
        lock.release();
        channel.close();
    }
}
