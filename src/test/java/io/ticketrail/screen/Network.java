package io.ticketrail.screen;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.WebSocketRoute;

/**
 * Cuts a screen's network and brings it back. Chromium's offline emulation ({@code setOffline}) stops HTTP and
 * fires the page's offline event, but leaves an already open WebSocket delivering messages. So every feed
 * WebSocket goes through Playwright's WebSocket routing as well: a cut closes the open ones and refuses new ones
 * until the network is back, as a dropped Wi-Fi would.
 */
public final class Network {

    private static final Pattern FEED = Pattern.compile(".*/ws/v1/locations/.*");

    private final BrowserContext context;
    private final List<WebSocketRoute> open = new CopyOnWriteArrayList<>();
    private volatile boolean cut;

    public Network(BrowserContext context) {
        this.context = context;
        context.routeWebSocket(FEED, socket -> {
            if (cut) {
                socket.close();
                return;
            }
            WebSocketRoute server = socket.connectToServer();
            socket.onClose((code, reason) -> server.close());
            server.onClose((code, reason) -> socket.close());
            open.add(socket);
        });
    }

    /** Refuses every feed WebSocket from now on, as a proxy that blocks upgrades does; HTTP (and SSE) still work. */
    public void blockWebSockets() {
        cut = true;
        open.forEach(WebSocketRoute::close);
        open.clear();
    }

    public void cut() {
        cut = true;
        context.setOffline(true);
        open.forEach(WebSocketRoute::close);
        open.clear();
    }

    public void restore() {
        cut = false;
        context.setOffline(false);
    }
}
