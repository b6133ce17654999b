package dev.tandem.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A Server-Sent Events client as a browser's {@code EventSource} reads a stream: events of {@code id:}, {@code event:}
 * and {@code data:} lines ended by a blank line; comments ({@code :...}) skipped.
 */
public final class SseClient {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;

    public SseClient(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** One event; {@code id} null when the event had none. */
    public record Event(String id, String name, String data) {
        public JsonNode json() {
            return JSON.readTree(data);
        }
    }

    /** An open stream: its status and headers, and its events as they come. Close it to disconnect. */
    public static final class Connection implements AutoCloseable {
        public final int status;
        public final String contentType;
        private final java.util.stream.Stream<String> lines;
        private final Iterator<String> iterator;
        private int comments;

        Connection(HttpResponse<java.util.stream.Stream<String>> response) {
            this.status = response.statusCode();
            this.contentType = response.headers().firstValue("Content-Type").orElse("");
            this.lines = response.body();
            this.iterator = lines.iterator();
        }

        /** The next event, or {@code null} when the server ended the stream. */
        public Event next() {
            String id = null;
            String name = "message";
            var data = new ArrayList<String>();
            boolean any = false;
            while (iterator.hasNext()) {
                String line = iterator.next();
                if (line.isEmpty()) {
                    if (any) {
                        return new Event(id, name, String.join("\n", data));
                    }
                    continue;
                }
                if (line.startsWith(":")) {
                    comments++;
                    continue;
                }
                any = true;
                int colon = line.indexOf(':');
                String field = colon < 0 ? line : line.substring(0, colon);
                String value = colon < 0 ? "" : line.substring(colon + 1).replaceFirst("^ ", "");
                switch (field) {
                    case "id" -> id = value;
                    case "event" -> name = value;
                    case "data" -> data.add(value);
                    default -> { }
                }
            }
            return null;
        }

        /** Every event until the server ends the stream. */
        public List<Event> rest() {
            var events = new ArrayList<Event>();
            for (Event event; (event = next()) != null;) {
                events.add(event);
            }
            return events;
        }

        /** Comment lines (heartbeats) read so far. */
        public int comments() {
            return comments;
        }

        /** The body when the answer was not a stream (a problem). */
        public String body() {
            var body = new ArrayList<String>();
            iterator.forEachRemaining(body::add);
            return String.join("\n", body);
        }

        @Override
        public void close() {
            lines.close();
        }
    }

    /** Opens {@code path} with {@code Accept: text/event-stream} and the given headers. */
    public Connection open(String path, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Accept", "text/event-stream").GET();
        headers.forEach(request::header);
        try {
            return new Connection(http.send(request.build(), HttpResponse.BodyHandlers.ofLines()));
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }
}
