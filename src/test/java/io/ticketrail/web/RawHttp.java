package io.ticketrail.web;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, one request per connection, bytes exactly as given: the methods, paths and header
 * values that well-behaved clients (RestAssured, java.net.http) refuse to send, such as NUL or raw UTF-8 in a
 * header, an unencoded {@code ../} or a lying Content-Length.
 */
final class RawHttp {

    /** Longer than any honest answer here takes; a request left hanging past it is a failure. */
    static final int READ_TIMEOUT_MILLIS = 10_000;
    /** Past this, the rest of an answer is not read: enough to see the status, headers and any leak. */
    private static final int MAX_ANSWER = 1 << 20;

    private final String host;
    private final int port;

    RawHttp(String host, int port) {
        this.host = host;
        this.port = port;
    }

    /** A request: the header values and body are sent as these bytes, with no checks and no encoding. */
    record Request(
            String method, String target, List<Map.Entry<String, byte[]>> headers, byte[] body, boolean contentLength) {

        String describe() {
            StringBuilder text = new StringBuilder(method).append(' ').append(abbreviate(target, 300));
            for (Map.Entry<String, byte[]> header : headers) {
                text.append("\n  ")
                        .append(header.getKey())
                        .append(": ")
                        .append(abbreviate(new String(header.getValue(), StandardCharsets.ISO_8859_1), 200));
            }
            if (body.length > 0) {
                text.append("\n  body (")
                        .append(body.length)
                        .append(" bytes): ")
                        .append(abbreviate(new String(body, StandardCharsets.UTF_8), 400));
            }
            return text.toString();
        }
    }

    /** {@code status} is 0 when the server closed the connection without answering. */
    record Answer(int status, List<Map.Entry<String, String>> headers, byte[] body) {

        String header(String name) {
            return headers.stream()
                    .filter(h -> h.getKey().equalsIgnoreCase(name))
                    .map(Map.Entry::getValue)
                    .findFirst()
                    .orElse(null);
        }

        String contentType() {
            String type = header("Content-Type");
            return type == null ? "" : type.toLowerCase(Locale.ROOT);
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    Answer send(Request request) {
        try (Socket socket = new Socket(host, port)) {
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            OutputStream out = socket.getOutputStream();
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            head.writeBytes(
                    (request.method() + " " + request.target() + " HTTP/1.1\r\n").getBytes(StandardCharsets.UTF_8));
            head.writeBytes(("Host: " + host + ":" + port + "\r\n").getBytes(StandardCharsets.US_ASCII));
            if (request.headers().stream().noneMatch(h -> h.getKey().equalsIgnoreCase("Connection"))) {
                head.writeBytes("Connection: close\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            for (Map.Entry<String, byte[]> header : request.headers()) {
                head.writeBytes(header.getKey().getBytes(StandardCharsets.UTF_8));
                head.writeBytes(": ".getBytes(StandardCharsets.US_ASCII));
                head.writeBytes(header.getValue());
                head.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            if (request.contentLength()) {
                head.writeBytes(
                        ("Content-Length: " + request.body().length + "\r\n").getBytes(StandardCharsets.US_ASCII));
            }
            head.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
            out.write(head.toByteArray());
            out.write(request.body());
            // no half-close: the HTTP server takes a client's FIN as the end of the connection, answered or not
            out.flush();
            return read(
                    new BufferedInputStream(socket.getInputStream()),
                    request.method().equals("HEAD"));
        } catch (SocketTimeoutException e) {
            throw new AssertionError("no answer within " + READ_TIMEOUT_MILLIS + " ms", e);
        } catch (IOException e) {
            // the server may close a connection it will not serve (a broken request line) while we still write
            if (e.getMessage() != null
                    && (e.getMessage().contains("reset") || e.getMessage().contains("Broken pipe"))) {
                return new Answer(0, List.of(), new byte[0]);
            }
            throw new UncheckedIOException(e);
        }
    }

    private static Answer read(InputStream in, boolean head) throws IOException {
        byte[] raw = readHead(in);
        if (raw.length == 0) {
            return new Answer(0, List.of(), new byte[0]);
        }
        String[] lines = new String(raw, StandardCharsets.ISO_8859_1).split("\r\n");
        String[] statusLine = lines[0].split(" ", 3);
        int status = Integer.parseInt(statusLine[1]);
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.add(Map.entry(
                        lines[i].substring(0, colon).trim(),
                        lines[i].substring(colon + 1).trim()));
            }
        }
        Answer answer = new Answer(status, headers, new byte[0]);
        if (head
                || status == 101
                || status == 204
                || status == 304
                || answer.contentType().startsWith("text/event-stream")) {
            return answer; // no body, or an upgraded socket or a live feed that never ends: the headers are the answer
        }
        String length = answer.header("Content-Length");
        byte[] body =
                length != null ? in.readNBytes((int) Math.min(MAX_ANSWER, Long.parseLong(length))) : readBounded(in);
        if ("chunked".equalsIgnoreCase(answer.header("Transfer-Encoding"))) {
            body = unchunk(body);
        }
        return new Answer(status, headers, body);
    }

    private static byte[] readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int last4 = 0;
        int b;
        while (last4 != 0x0d0a0d0a && (b = in.read()) != -1) {
            head.write(b);
            last4 = (last4 << 8) | b;
        }
        return head.toByteArray();
    }

    private static byte[] readBounded(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int n;
        while (body.size() < MAX_ANSWER && (n = in.read(buffer)) != -1) {
            body.write(buffer, 0, n);
        }
        return body.toByteArray();
    }

    private static byte[] unchunk(byte[] chunked) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int at = 0;
        while (at < chunked.length) {
            int lineEnd = indexOfCrlf(chunked, at);
            if (lineEnd < 0) {
                break;
            }
            String sizeText = new String(chunked, at, lineEnd - at, StandardCharsets.US_ASCII).split(";")[0].trim();
            int size = Integer.parseInt(sizeText, 16);
            if (size == 0) {
                break;
            }
            int start = lineEnd + 2;
            body.write(chunked, start, Math.min(size, chunked.length - start));
            at = start + size + 2;
        }
        return body.toByteArray();
    }

    private static int indexOfCrlf(byte[] bytes, int from) {
        for (int i = from; i + 1 < bytes.length; i++) {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n') {
                return i;
            }
        }
        return -1;
    }

    static String abbreviate(String text, int max) {
        String printable = text.replaceAll("\\p{Cntrl}", "\uFFFD");
        return printable.length() <= max ? printable : printable.substring(0, max) + "...(" + text.length() + ")";
    }
}
