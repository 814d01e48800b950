package io.ticketrail.presence;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.ticketrail.config.AdvisoryLeader;
import io.ticketrail.config.DirectConnections;

/**
 * One instance evaluates the alarms and prints: the one holding the presence advisory lock
 * ({@link AdvisoryLeader}), which hands over within one evaluation period when its leader dies or loses its
 * connection. Raising stays idempotent anyway (AlarmService), so even two leaders for a moment could not raise
 * one alarm twice.
 */
@Singleton
public class PresenceLeader {

    public static final String APPLICATION_NAME = "ticketrail-presence";

    @Inject
    DirectConnections direct;

    @Inject
    PresenceConfig config;

    private AdvisoryLeader lock;

    @PostConstruct
    void init() {
        lock = new AdvisoryLeader(
                direct, APPLICATION_NAME, config.leaderLock(), "evaluates screen presence and alarms", c -> {});
    }

    /** True while this instance leads; tries to become the leader when it is not. Called by one thread. */
    boolean lead() {
        return lock.lead();
    }

    @PreDestroy
    void release() {
        lock.release();
    }
}
