package io.ticketrail.webhook;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Webhooks out (docs/integrations.md, "Receive webhooks"). */
@ConfigMapping(prefix = "ticketrail.webhooks")
public interface WebhookConfig {

    /**
     * Accept {@code http://} endpoints. Off in production: a delivery carries order data and a signature a
     * network observer could replay. Dev and tests turn it on for receivers on localhost.
     */
    @WithDefault("false")
    boolean allowHttp();

    /** Endpoints per location: each is delivered on its own, so they are bounded like every per-tenant cost. */
    @WithDefault("10")
    int maxPerLocation();

    @WithDefault("3s")
    Duration connectTimeout();

    /** A receiver that has not answered within this is a failed attempt; it is retried with backoff. */
    @WithDefault("5s")
    Duration readTimeout();

    /** The first retry's delay; each failure doubles it (with jitter) up to {@link #backoffMax()}. */
    @WithDefault("1s")
    Duration backoffMin();

    @WithDefault("5m")
    Duration backoffMax();

    /** An endpoint failing for longer than this is paused with its reason until someone resumes it. */
    @WithDefault("1h")
    Duration pauseAfter();

    /** The safety net under the NOTIFY wake-up, and how soon a retry whose backoff ended is sent. */
    @WithDefault("1s")
    Duration pollInterval();

    /**
     * Endpoints delivered at once, by this instance. A hanging receiver holds one slot for at most the read timeout
     * and then waits out its backoff holding none, so the others keep going.
     */
    @WithDefault("16")
    int concurrency();

    /** Events read per endpoint per turn; the endpoint's next turn reads on from there. */
    @WithDefault("100")
    int batch();

    /**
     * The advisory lock that elects the one delivering instance. Every instance of one database must use the same;
     * a test gives a second instance another to make two deliverers at once.
     */
    @WithDefault("ticketrail.webhooks.leader")
    String leaderLock();
}
