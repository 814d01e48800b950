package io.ticketrail.access;

import java.util.UUID;
import jakarta.persistence.EntityManager;

/**
 * Tells every instance, in the revoking transaction, that a credential is gone (FeedListener hears it). Native:
 * pg_notify has no JPQL form, and the notification must leave with the commit that revoked.
 */
final class Revocation {

    private Revocation() {}

    static void announce(EntityManager em, UUID id) {
        em.createNativeQuery("select pg_notify(?1, ?2)")
                .setParameter(1, AccessRevoked.CHANNEL)
                .setParameter(2, id.toString())
                .getSingleResult();
    }
}
