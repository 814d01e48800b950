package io.ticketrail.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 12, finding 6: connections sending one byte of a 100 KB body every few seconds were never closed, since
 * the idle timeout restarts on every byte, anonymous ones too. The whole body must arrive within 10 s.
 */
@QuarkusTest
class SlowBodyTest {

    @TestHTTPResource("/")
    URI base;

    @Test
    void aBodyTricklingInPastTheDeadlineGets408AndTheConnectionCloses() throws IOException {
        ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            // never answered by this test's own timeout: 10 s deadline plus a busy machine's slack
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/pairings HTTP/1.1\r\nHost: " + base.getHost() + "\r\n"
                            + "Content-Type: application/json\r\nContent-Length: 100000\r\n\r\n{")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            trickle.scheduleAtFixedRate(
                    () -> {
                        try {
                            out.write(' ');
                            out.flush();
                        } catch (IOException closed) {
                            trickle.shutdown();
                        }
                    },
                    1,
                    1,
                    TimeUnit.SECONDS);

            String answer = readUntilClosed(socket.getInputStream());

            assertThat(answer).startsWith("HTTP/1.1 408").contains("/problems/body-too-slow");
        } finally {
            trickle.shutdownNow();
        }
    }

    /** Everything the server sends until it closes the connection; a read timeout fails the test. */
    private static String readUntilClosed(InputStream in) throws IOException {
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        for (int n = in.read(buffer); n != -1; n = in.read(buffer)) {
            answer.write(buffer, 0, n);
        }
        return answer.toString(StandardCharsets.UTF_8);
    }
}
