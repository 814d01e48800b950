package io.ticketrail.access;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Sign-in, pairing and limits; application.properties holds only the profile overrides ("Access control"). */
@ConfigMapping(prefix = "ticketrail.access")
public interface AccessConfig {

    /** The first manager, created on a start that finds none. */
    Bootstrap bootstrap();

    /** How long a manager stays signed in. */
    @WithDefault("12H")
    Duration sessionLifetime();

    /** How long a paired screen's token is good for before it must be paired again. */
    @WithDefault("365D")
    Duration deviceTokenLifetime();

    /** How long a pairing code waits for a manager. */
    @WithDefault("15M")
    Duration pairingCodeLifetime();

    /**
     * How long a verified credential is trusted without asking the database; revocation also clears it. The
     * "credentials" cache reads it (quarkus.cache.caffeine.credentials.expire-after-write).
     */
    @WithDefault("5S")
    Duration cacheFor();

    /**
     * How often open feeds are checked against revocations and expiry (besides the NOTIFY that revokes at once).
     * No Java caller: FeedRevocations' {@code @Scheduled} reads the key as an expression; declared here because a
     * key under this prefix that no method maps fails the start (SRCFG00050).
     */
    @WithDefault("2S")
    Duration revocationSweep();

    /**
     * bcrypt's cost for manager passwords (2^cost rounds; each step doubles the time of a sign-in). The tests lower
     * it: a cost-12 check takes seconds on a loaded 2-core machine, longer than a short idle timeout some tests set.
     */
    @WithDefault("12")
    int passwordCost();

    /** Dev mode: a screen page opened without a credential pairs itself (the demo works with no manual pairing). */
    @WithDefault("false")
    boolean autoPairScreens();

    Limits limits();

    /**
     * Origins besides the app's own (scheme, Host and port of the request) whose pages may open a feed with a
     * cookie, e.g. {@code https://kitchen.example.com} when a reverse proxy rewrites the Host header.
     */
    Optional<List<String>> origins();

    interface Bootstrap {
        @WithDefault("admin")
        String username();

        /**
         * No default: prod sets TICKETRAIL_ACCESS_BOOTSTRAP_PASSWORD (12 to 72 bytes) from a Secret; dev mode makes one
         * up and prints it. An empty value counts as unset.
         */
        Optional<String> password();
    }

    /** Per instance; 0 turns a limit off. */
    interface Limits {
        /** Requests per second a POS key may make (a token bucket of twice this size absorbs bursts). */
        @WithDefault("20")
        int keyPerSecond();

        @WithDefault("10")
        int devicePerSecond();

        @WithDefault("50")
        int managerPerSecond();

        /** Sign-in and pairing requests per second per client address (a pairing screen polls every 2 s). */
        @WithDefault("5")
        int anonymousPerSecond();

        /**
         * Credentials per second per client address that are not in the credential cache: each costs a database
         * query, and made-up tokens never are. A known, cached credential takes none of them.
         */
        @WithDefault("20")
        int unverifiedPerSecond();

        /** Open feed connections per paired screen: a screen that reconnects may overlap its old socket briefly. */
        @WithDefault("4")
        int connectionsPerDevice();

        /** Open feed connections (WebSocket and SSE together) per manager session: a few tabs and screens. */
        @WithDefault("16")
        int connectionsPerSession();

        /**
         * Pairing codes waiting for a manager per client address (IPv6: per /64); 0 turns it off. A restaurant behind
         * one NAT pairs up to this many screens at a time: the next waits until one is approved or its code expires.
         */
        @WithDefault("10")
        int pairingsPerAddress();
    }
}
