package io.ticketrail.feed;

/** WebSocket close codes of protocol v1. */
public final class CloseCodes {

    public static final int GOING_AWAY = 1001;
    /** A message past quarkus.websockets-next.server.max-message-size (RFC 6455's "message too big"). */
    public static final int TOO_BIG = 1009;

    public static final int BAD_MESSAGE = 4400;
    /** The screen's pairing (or the manager's session) was revoked or ran out; pair again or sign in. */
    public static final int UNAUTHORIZED = 4401;

    public static final int NO_HELLO = 4408;
    public static final int TOO_SLOW = 4409;
    /** The log this screen followed is gone (reset or retention overtook it); reconnect for a snapshot. */
    public static final int RESYNC = 4410;

    private CloseCodes() {}
}
