package dev.tandem.benchmarks.openloop;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

/**
 * The cheapest HTTP/1.1 server that still answers: one thread, one selector, every request (whatever it asks) answered
 * with the same 200 and a {@code Content-Length} body, keep-alive. What the {@link GeneratorProbe} loads, in a process of
 * its own so that the generator's CPU can be read apart. Prints its port on the first line of standard output, then
 * serves until killed.
 */
final class BareHttpServer {

    private static final byte[] ANSWER = ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 18\r\n"
            + "\r\n{\"degraded\":false}").getBytes(StandardCharsets.US_ASCII);

    private BareHttpServer() {
    }

    public static void main(String[] args) throws IOException {
        try (Selector selector = Selector.open(); ServerSocketChannel server = ServerSocketChannel.open()) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
            server.configureBlocking(false);
            server.register(selector, SelectionKey.OP_ACCEPT);
            System.out.println(((InetSocketAddress) server.getLocalAddress()).getPort());
            System.out.flush();
            ByteBuffer in = ByteBuffer.allocateDirect(64 * 1024);
            ByteBuffer out = ByteBuffer.allocateDirect(64 * 1024);
            while (true) {
                selector.select();
                for (SelectionKey key : selector.selectedKeys()) {
                    if (key.isAcceptable()) {
                        SocketChannel channel = server.accept();
                        if (channel != null) {
                            channel.configureBlocking(false);
                            channel.register(selector, SelectionKey.OP_READ, new int[1]);
                        }
                    } else if (key.isReadable()) {
                        serve(key, in, out);
                    }
                }
                selector.selectedKeys().clear();
            }
        }
    }

    /** Answers each request whose headers ended in what was read ({@code state[0]}: the CRLFCRLF bytes matched). */
    private static void serve(SelectionKey key, ByteBuffer in, ByteBuffer out) throws IOException {
        var channel = (SocketChannel) key.channel();
        int[] matched = (int[]) key.attachment();
        in.clear();
        int n;
        try {
            n = channel.read(in);
        } catch (IOException e) {
            n = -1;
        }
        if (n < 0) {
            key.cancel();
            channel.close();
            return;
        }
        out.clear();
        for (int i = 0; i < n; i++) {
            byte b = in.get(i);
            matched[0] = b == (matched[0] % 2 == 0 ? '\r' : '\n') ? matched[0] + 1 : b == '\r' ? 1 : 0;
            if (matched[0] == 4) {
                matched[0] = 0;
                out.put(ANSWER);
            }
        }
        out.flip();
        while (out.hasRemaining()) {
            channel.write(out); // a few hundred bytes into an empty socket buffer: written at once
        }
    }
}
