package io.ticketrail.presence;

import java.util.Optional;
import java.util.UUID;
import jakarta.inject.Singleton;

/** This instance's name in {@code presence_instance}: the pod's host name and a random suffix (restarts differ). */
@Singleton
public class PresenceInstance {

    private final String id = Optional.ofNullable(System.getenv("HOSTNAME"))
                    .map(h -> h.length() > 40 ? h.substring(0, 40) : h)
                    .orElse("instance")
            + "-" + UUID.randomUUID().toString().substring(0, 8);

    public String id() {
        return id;
    }
}
