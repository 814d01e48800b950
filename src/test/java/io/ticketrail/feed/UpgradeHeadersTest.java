package io.ticketrail.feed;

import io.vertx.core.MultiMap;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class UpgradeHeadersTest {

    @Test
    void aPermittedUpgradeKeepsOnlyWhatTheHandshakeReads() {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap()
                .add("Host", "kitchen.example:8080")
                .add("Connection", "Upgrade")
                .add("Upgrade", "websocket")
                .add("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==")
                .add("Sec-WebSocket-Version", "13")
                .add("sec-websocket-protocol", "ticketrail.v1")
                .add("Sec-WebSocket-Extensions", "permessage-deflate; client_max_window_bits")
                .add("Cookie", "ticketrail_screen=secret")
                .add("Origin", "https://kitchen.example")
                .add("User-Agent", "Mozilla/5.0")
                .add("Accept-Language", "en-GB,en;q=0.9")
                .add("Cache-Control", "no-cache");

        UpgradeHeaders.keepHandshakeOnly(headers);

        assertThat(headers.names())
                .containsExactlyInAnyOrder(
                        "Host",
                        "Connection",
                        "Upgrade",
                        "Sec-WebSocket-Key",
                        "Sec-WebSocket-Version",
                        "sec-websocket-protocol",
                        "Sec-WebSocket-Extensions");
        assertThat(headers.get("sec-websocket-protocol")).isEqualTo("ticketrail.v1");
    }
}
