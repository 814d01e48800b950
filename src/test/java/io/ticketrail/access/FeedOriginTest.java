package io.ticketrail.access;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;

import io.quarkus.test.junit.QuarkusTest;
import io.ticketrail.testsupport.Auth;
import io.ticketrail.testsupport.WithScreens;
import org.junit.jupiter.api.Test;

import static io.ticketrail.testsupport.Api.createLocation;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 12, finding 2: a page on the same host at another port is the same site, so the browser sends the paired
 * screen's SameSite=Strict cookie with its WebSocket upgrade or EventSource. Only the app's own origin may open a
 * feed with a cookie; a Bearer client is unaffected.
 */
@QuarkusTest
class FeedOriginTest extends WithScreens {

    @Test
    void aCookieFeedFromAnotherPortOfTheSameHostIsRefused() throws IOException {
        String location = createLocation();
        Auth.Device screen = Auth.pair(location, List.of("foh"), List.of("complete"));
        String cookie = "trk_device=" + screen.token();
        String foreign = "http://" + base.getHost() + ":" + (base.getPort() + 1);

        assertThat(upgrade(location, "Cookie: " + cookie, "Origin: " + foreign)).isEqualTo(403);
        assertThat(upgrade(location, "Cookie: " + cookie, "Origin: null")).isEqualTo(403);
        assertThat(events(location, "Cookie: " + cookie, "Origin: " + foreign)).isEqualTo(403);
        assertThat(events(location, "Cookie: " + cookie, "Sec-Fetch-Site: same-site"))
                .isEqualTo(403);
    }

    @Test
    void theAppsOwnPagesAndBearerClientsStillOpenFeeds() throws IOException {
        String location = createLocation();
        Auth.Device screen = Auth.pair(location, List.of("foh"), List.of("complete"));
        String own = "http://" + base.getHost() + ":" + base.getPort();
        String foreign = "http://" + base.getHost() + ":" + (base.getPort() + 1);

        assertThat(upgrade(location, "Cookie: trk_device=" + screen.token(), "Origin: " + own))
                .isEqualTo(101);
        assertThat(events(location, "Cookie: trk_device=" + screen.token(), "Sec-Fetch-Site: same-origin"))
                .isEqualTo(200);
        assertThat(upgrade(location, "Authorization: Bearer " + screen.token(), "Origin: " + foreign))
                .isEqualTo(101);
        assertThat(events(location, "Authorization: Bearer " + screen.token(), "Origin: " + foreign))
                .isEqualTo(200);
    }

    private int upgrade(String location, String... headers) throws IOException {
        return status(
                "/ws/v1/locations/" + location + "/feed?view=foh",
                List.of(
                        "Upgrade: websocket",
                        "Connection: Upgrade",
                        "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==",
                        "Sec-WebSocket-Version: 13"),
                headers);
    }

    private int events(String location, String... headers) throws IOException {
        return status(
                "/api/v1/locations/" + location + "/feed?view=foh", List.of("Accept: text/event-stream"), headers);
    }

    /** The status line of the answer to a GET with these headers, read off a plain socket. */
    private int status(String path, List<String> fixed, String... headers) throws IOException {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(10_000);
            StringBuilder request = new StringBuilder(
                    "GET " + path + " HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort() + "\r\n");
            fixed.forEach(h -> request.append(h).append("\r\n"));
            for (String header : headers) {
                request.append(header).append("\r\n");
            }
            OutputStream out = socket.getOutputStream();
            out.write(request.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder line = new StringBuilder();
            for (int c = in.read(); c != -1 && c != '\n'; c = in.read()) {
                line.append((char) c);
            }
            return Integer.parseInt(line.toString().split(" ")[1]);
        }
    }
}
