package io.ticketrail.config;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import jakarta.inject.Inject;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The LISTEN connection's sockets answer pgjdbc's 1 ms "anything pending?" read at once when nothing has arrived,
 * and lose nothing: every byte and every notification still arrives, in order.
 */
@QuarkusTest
class NotificationSocketsTest {

    /** Notifications per transaction: alone, and in bursts that arrive in one read. */
    private static final int[] BURSTS = {1, 1, 2, 50, 1, 7, 120, 1};

    @Inject
    DirectConnections direct;

    @Test
    void theReadAfterAOneMillisecondTimeoutIsAnsweredAtOnceAndTheBytesStillArrive() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                Socket client = new NotificationSockets()
                        .createSocket(InetAddress.getLoopbackAddress(), server.getLocalPort());
                Socket peer = server.accept()) {
            InputStream in = client.getInputStream();
            OutputStream out = peer.getOutputStream();

            client.setSoTimeout(1);
            // answered without waiting: no stack, which a timeout the socket waited for would carry
            assertThatThrownBy(in::read)
                    .isInstanceOf(SocketTimeoutException.class)
                    .satisfies(e -> assertThat(e.getStackTrace()).isEmpty());

            out.write(new byte[] {1, 2});
            out.flush();
            client.setSoTimeout(5_000);
            assertThat(in.read()).isEqualTo(1);

            // bytes that are there are read, not refused
            client.setSoTimeout(1);
            assertThat(in.read()).isEqualTo(2);

            // only the first read after the 1 ms timeout is answered early; the next one waits as a socket does
            client.setSoTimeout(1);
            assertThatThrownBy(in::read).isInstanceOf(SocketTimeoutException.class);
            assertThatThrownBy(in::read)
                    .isInstanceOf(SocketTimeoutException.class)
                    .satisfies(e -> assertThat(e.getStackTrace()).isNotEmpty());
        }
    }

    /** Notifications one at a time and in bursts, while the listener drains: each arrives once, in order. */
    @Test
    void everyNotificationArrivesInOrder() throws Exception {
        String channel = "probe_" + UUID.randomUUID().toString().replace("-", "");
        List<String> sent = new ArrayList<>();
        try (Connection listening = direct.openForNotifications("ticketrail-test-listen");
                Connection notifying = direct.open("ticketrail-test-notify")) {
            try (Statement listen = listening.createStatement()) {
                listen.execute("LISTEN " + channel);
            }
            int total = 0;
            for (int burst : BURSTS) {
                for (int i = 0; i < burst; i++) {
                    sent.add(Integer.toString(total++));
                }
            }
            CompletableFuture<List<String>> received = CompletableFuture.supplyAsync(() -> {
                List<String> payloads = new ArrayList<>();
                PGConnection pg = unwrap(listening);
                while (payloads.size() < sent.size()) {
                    try {
                        PGNotification[] notifications = pg.getNotifications(1000);
                        if (notifications != null) {
                            for (PGNotification notification : notifications) {
                                payloads.add(notification.getParameter());
                            }
                        }
                    } catch (java.sql.SQLException e) {
                        throw new IllegalStateException(e);
                    }
                }
                return payloads;
            });
            int at = 0;
            for (int burst : BURSTS) {
                // a burst in one transaction arrives together; bursts apart arrive while the listener waits
                notifying.setAutoCommit(false);
                try (Statement notify = notifying.createStatement()) {
                    for (int i = 0; i < burst; i++) {
                        notify.execute("select pg_notify('" + channel + "', '" + sent.get(at++) + "')");
                    }
                }
                notifying.commit();
            }
            assertThat(received.get(30, TimeUnit.SECONDS)).containsExactlyElementsOf(sent);
        }
    }

    private static PGConnection unwrap(Connection connection) {
        try {
            return connection.unwrap(PGConnection.class);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
