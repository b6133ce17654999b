package dev.tandem.benchmarks.openloop;

import java.nio.charset.StandardCharsets;

/** HTTP/1.1 requests as the bytes a {@link LoadRun} writes: keep-alive, JSON accepted. */
public final class HttpRequests {

    private HttpRequests() {
    }

    /** {@code GET path} of {@code authority} ({@code host:port}). */
    public static byte[] get(String authority, String path) {
        return ("GET " + path + " HTTP/1.1\r\nHost: " + authority + "\r\nAccept: application/json\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    /** {@code POST path} of {@code authority} with a JSON body. */
    public static byte[] postJson(String authority, String path, String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        byte[] head = ("POST " + path + " HTTP/1.1\r\nHost: " + authority
                + "\r\nAccept: application/json\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] request = new byte[head.length + body.length];
        System.arraycopy(head, 0, request, 0, head.length);
        System.arraycopy(body, 0, request, head.length, body.length);
        return request;
    }
}
