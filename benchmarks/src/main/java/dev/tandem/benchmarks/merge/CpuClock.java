package dev.tandem.benchmarks.merge;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

import com.sun.management.OperatingSystemMXBean;

/**
 * CPU time used so far by this JVM and by the redis-server child, in ns, to say per write where the time went.
 * Redis's comes from {@code /proc/<pid>/stat} (user + system, in clock ticks of 10 ms): Linux only, {@code -1}
 * elsewhere. Also used by the enricher benchmark for the redis-server velocity runs on.
 */
public final class CpuClock {

    private static final long NANOS_PER_TICK = 10_000_000;

    private final long redisPid;
    private final OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    /** @param redisPid the child process whose CPU {@link #redisNanos} reads */
    public CpuClock(long redisPid) {
        this.redisPid = redisPid;
    }

    /** This JVM's CPU time so far. */
    public long jvmNanos() {
        return os.getProcessCpuTime();
    }

    /** The child's CPU time so far (10 ms resolution), or -1 when it cannot be read. */
    public long redisNanos() {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(redisPid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * NANOS_PER_TICK;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
