package dev.tandem.benchmarks.pipeline;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kafka's own end-to-end latency tool, {@code org.apache.kafka.tools.EndToEndLatency}, run unchanged in a child JVM
 * on this JVM's classpath: one producer (acks as given, linger 0) and one consumer on a one-partition topic, one
 * message at a time, latency = send → consumed, in whole milliseconds (the tool truncates).
 */
final class KafkaHop {

    /** What the tool printed: its average and percentiles, in ms. */
    record Result(double averageMillis, long p50Millis, long p99Millis, long p999Millis, int messages, String acks,
            int messageBytes) {
    }

    private static final Pattern AVERAGE = Pattern.compile("Avg latency: ([0-9.]+) ms");
    private static final Pattern PERCENTILES = Pattern.compile(
            "Percentiles: 50th = (\\d+), 99th = (\\d+), 99.9th = (\\d+)");

    private KafkaHop() {
    }

    static Result measure(String bootstrapServers, String topic, int messages, int messageBytes)
            throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var command = new ArrayList<>(List.of(java, "-Xms256m", "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), "org.apache.kafka.tools.EndToEndLatency",
                bootstrapServers, topic, Integer.toString(messages), "all", Integer.toString(messageBytes)));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IOException("EndToEndLatency failed; it printed:\n" + output);
        }
        Matcher percentiles = PERCENTILES.matcher(output);
        OptionalDouble average = AVERAGE.matcher(output).results()
                .mapToDouble(m -> Double.parseDouble(m.group(1))).findFirst();
        if (!percentiles.find() || average.isEmpty()) {
            throw new IOException("EndToEndLatency printed no percentiles:\n" + output);
        }
        return new Result(average.getAsDouble(), Long.parseLong(percentiles.group(1)),
                Long.parseLong(percentiles.group(2)), Long.parseLong(percentiles.group(3)), messages, "all",
                messageBytes);
    }
}
