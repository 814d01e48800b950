package io.ticketrail.feed;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;

import io.quarkus.test.junit.QuarkusTest;
import io.ticketrail.testsupport.Auth;
import io.ticketrail.testsupport.WithScreens;
import org.junit.jupiter.api.Test;

import static io.ticketrail.testsupport.Api.createLocation;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Browsers offer permessage-deflate on every WebSocket. Accepting it costs each screen a compressor and a
 * decompressor with their own native history for the life of the connection, far past the 8 KB an idle screen
 * may hold, so the feed declines it (docs/performance.md, "Per-message compression").
 */
@QuarkusTest
class PerMessageCompressionTest extends WithScreens {

    @Test
    void aBrowserOfferingPerMessageDeflateIsUpgradedWithoutIt() throws IOException {
        String location = createLocation();

        List<String> answer = upgradeOfferingDeflate("/ws/v1/locations/" + location + "/feed?view=expo");

        assertThat(answer.get(0)).startsWith("HTTP/1.1 101");
        assertThat(answer).noneMatch(header -> header.toLowerCase().startsWith("sec-websocket-extensions"));
    }

    /**
     * The upgrade as a browser sends it, on a plain socket: Java's WebSocket client will not send this header. Returns
     * the status line and headers of the answer.
     */
    private List<String> upgradeOfferingDeflate(String path) throws IOException {
        URI uri = base.resolve(path);
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(10_000);
            String request = "GET " + uri.getRawPath() + "?" + uri.getRawQuery() + " HTTP/1.1\r\n"
                    + "Host: " + uri.getHost() + ":" + uri.getPort() + "\r\n"
                    + "Upgrade: websocket\r\n"
                    + "Connection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                    + "Sec-WebSocket-Version: 13\r\n"
                    + "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n"
                    + "Authorization: " + Auth.bearer(Auth.managerToken()) + "\r\n\r\n";
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return readHead(socket.getInputStream());
        }
    }

    private static List<String> readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
        }
        return head.toString(StandardCharsets.US_ASCII).lines().toList();
    }
}
