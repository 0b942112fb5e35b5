package io.paygate.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Recorder;

/**
 * A merchant's webhook receiver inside the bench: answers 200 at once and measures, for each
 * payment_intent.succeeded, the time from the moment the checkout's answer (sent after the commit)
 * reached the bench to the moment the event arrived.
 *
 * <p>It stands in for a merchant's server, which would run elsewhere, yet it shares the measured
 * machine's two cores with the gateway; so it does as little as an HTTP/1.1 receiver can: one
 * virtual thread per connection reading requests one after another on it (kept alive), each body
 * read by its {@code Content-Length} or its chunks, and one fixed answer with no body. The JDK's
 * {@code HttpServer}, used before, spent about 0.5 ms of CPU per event here (a selector hand-off, a
 * thread and a formatted {@code Date} header per exchange), a third of the bench's CPU in the webhook
 * series, taken from the cores the gateway's deliveries run on.
 */
final class WebhookSink implements AutoCloseable {

    private static final Pattern INTENT = Pattern.compile("\"object\":\\{\"id\":\"(pi_[0-9a-z]{24})\"");
    private static final byte[] OK = "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] BAD_REQUEST = "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            .getBytes(StandardCharsets.US_ASCII);
    /** Longest request line or header line accepted. */
    private static final int LINE_LIMIT = 16 * 1024;

    private final ServerSocket listener;
    private final ExecutorService connections = Executors.newVirtualThreadPerTaskExecutor();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final Map<String, Long> answeredAt = new ConcurrentHashMap<>();
    private final Map<String, Long> arrivedEarly = new ConcurrentHashMap<>();
    private final Recorder lagMicros = new Recorder(600_000_000L, 3);
    private final LongAdder received = new LongAdder();

    WebhookSink() {
        try {
            listener = new ServerSocket(0, 1024, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        connections.execute(this::accept);
    }

    private void accept() {
        while (!listener.isClosed()) {
            Socket socket;
            try {
                socket = listener.accept();
            } catch (IOException closed) {
                return;
            }
            open.add(socket);
            connections.execute(() -> serve(socket));
        }
    }

    /** Answers the requests of one connection in turn until the sender closes it or asks to. */
    private void serve(Socket socket) {
        try (socket) {
            socket.setTcpNoDelay(true);
            InputStream in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
            OutputStream out = socket.getOutputStream();
            while (true) {
                String requestLine = readLine(in);
                if (requestLine == null) {
                    return;
                }
                if (requestLine.isEmpty()) {
                    continue; // a blank line between requests is tolerated (RFC 9112, 2.2)
                }
                Head head = readHead(requestLine, in);
                if (head == null) {
                    out.write(BAD_REQUEST);
                    out.flush();
                    return;
                }
                if (head.expectContinue()) {
                    out.write(CONTINUE);
                    out.flush();
                }
                byte[] body = head.chunked() ? readChunked(in) : in.readNBytes(head.contentLength());
                if (body.length < head.contentLength()) {
                    return; // cut off: the sender went away
                }
                arrived(new String(body, StandardCharsets.UTF_8), System.nanoTime());
                out.write(OK);
                out.flush();
                if (head.close()) {
                    return;
                }
            }
        } catch (IOException senderGone) {
            // The sender closed or reset the connection; it opens another for its next request.
        } catch (NumberFormatException badChunkSize) {
            // Not a body this receiver can read: the connection is dropped.
        } finally {
            open.remove(socket);
        }
    }

    /** What a request's head says about its body and its connection. */
    record Head(int contentLength, boolean chunked, boolean expectContinue, boolean close) {
    }

    /** The head after the request line, up to its blank line; null if it is not a request this receiver can read. */
    static Head readHead(String requestLine, InputStream in) throws IOException {
        String[] parts = requestLine.split(" ");
        if (parts.length != 3 || !parts[2].startsWith("HTTP/1.")) {
            return null;
        }
        boolean close = parts[2].equals("HTTP/1.0");
        int length = 0;
        boolean chunked = false;
        boolean expectContinue = false;
        for (String line = readLine(in); ; line = readLine(in)) {
            if (line == null) {
                throw new EOFException("connection closed inside a request head");
            }
            if (line.isEmpty()) {
                break;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                return null;
            }
            String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim().toLowerCase(Locale.ROOT);
            switch (name) {
                case "content-length" -> {
                    try {
                        length = Integer.parseInt(value);
                    } catch (NumberFormatException e) {
                        return null;
                    }
                }
                case "transfer-encoding" -> chunked = value.endsWith("chunked");
                case "expect" -> expectContinue = value.equals("100-continue");
                case "connection" -> close = value.contains("close") || (close && !value.contains("keep-alive"));
                default -> {
                }
            }
        }
        return new Head(chunked ? 0 : length, chunked, expectContinue, close);
    }

    /** A chunked body (RFC 9112, 7.1): each chunk's size in hexadecimal, its bytes, and the trailers after the last. */
    static byte[] readChunked(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = readLine(in);
            if (sizeLine == null) {
                throw new EOFException("connection closed inside a chunked body");
            }
            int extension = sizeLine.indexOf(';');
            int size = Integer.parseInt((extension < 0 ? sizeLine : sizeLine.substring(0, extension)).trim(), 16);
            if (size == 0) {
                for (String trailer = readLine(in); trailer != null && !trailer.isEmpty(); trailer = readLine(in)) {
                    // trailers carry nothing this receiver needs
                }
                return body.toByteArray();
            }
            byte[] chunk = in.readNBytes(size);
            if (chunk.length < size) {
                throw new EOFException("connection closed inside a chunk");
            }
            body.write(chunk);
            readLine(in); // the CRLF after the chunk's bytes
        }
    }

    /** One line without its CRLF (a bare LF ends one too); null at the end of the stream before any byte. */
    static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder(64);
        while (true) {
            int b = in.read();
            if (b < 0) {
                if (line.isEmpty()) {
                    return null;
                }
                throw new EOFException("connection closed inside a line");
            }
            if (b == '\n') {
                int end = line.length();
                if (end > 0 && line.charAt(end - 1) == '\r') {
                    line.setLength(end - 1);
                }
                return line.toString();
            }
            if (line.length() == LINE_LIMIT) {
                throw new IOException("line longer than " + LINE_LIMIT + " bytes");
            }
            line.append((char) b);
        }
    }

    private void arrived(String body, long now) {
        received.increment();
        String intent = succeededIntent(body);
        if (intent != null) {
            Long answered = answeredAt.remove(intent);
            if (answered != null) {
                lagMicros.recordValue(Math.max(1, (now - answered) / 1000));
            } else {
                arrivedEarly.put(intent, now);
            }
        }
    }

    /** The payment intent a payment_intent.succeeded event is about, or null for other events. */
    static String succeededIntent(String body) {
        if (!body.contains("\"type\":\"payment_intent.succeeded\"")) {
            return null;
        }
        Matcher m = INTENT.matcher(body);
        return m.find() ? m.group(1) : null;
    }

    /** The checkout of {@code intent} was answered now (after its commit). */
    void answered(String intent) {
        long now = System.nanoTime();
        Long early = arrivedEarly.remove(intent);
        if (early != null) {
            lagMicros.recordValue(1);
        } else {
            answeredAt.put(intent, now);
        }
    }

    String url() {
        return "http://127.0.0.1:" + listener.getLocalPort() + "/webhooks";
    }

    long received() {
        return received.sum();
    }

    org.HdrHistogram.Histogram lag() {
        return lagMicros.getIntervalHistogram();
    }

    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException e) {
            // closing anyway
        }
        for (Socket socket : open) {
            try {
                socket.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
        connections.shutdownNow();
    }
}
