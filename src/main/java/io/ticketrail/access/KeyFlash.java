package io.ticketrail.access;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * The one showing of a new POS key's token after Post/Redirect/Get: the form's POST creates the key and seals its
 * token here; the redirect's address carries the row's id and the sealing key; the GET shows it and deletes the
 * row, so a reload (or the browser's history) shows nothing and creates nothing. In the database, not in memory:
 * the GET may reach another instance.
 */
@Singleton
public class KeyFlash {

    /** Long enough for a redirect on a slow network, short enough that a forgotten row does not linger. */
    private static final int LIFETIME_SECONDS = 120;

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder ENCODE = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODE = Base64.getUrlDecoder();

    @Inject
    EntityManager em;

    /** @return the handle for the redirect's {@code created} parameter */
    @Transactional
    public String put(Caller manager, ApiKeys.Created key) {
        em.createNativeQuery("delete from access_flash where expires_at < now()")
                .executeUpdate();
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        UUID id = UUID.randomUUID();
        String plain = key.id() + "\n" + key.token() + "\n" + key.name();
        em.createNativeQuery("""
                insert into access_flash (id, session_id, sealed, expires_at)
                values (?1, ?2, ?3, now() + make_interval(secs => ?4))""")
                .setParameter(1, id)
                .setParameter(2, manager.id())
                .setParameter(3, seal(secret, plain.getBytes(StandardCharsets.UTF_8)))
                .setParameter(4, LIFETIME_SECONDS)
                .executeUpdate();
        return id + "." + ENCODE.encodeToString(secret);
    }

    /** The key created by this session under {@code handle}, once; empty for a reload, another session or junk. */
    @Transactional
    public Optional<ApiKeys.Created> take(Caller manager, String locationId, String handle) {
        if (handle == null || handle.length() > 100 || handle.indexOf('.') < 0) {
            return Optional.empty();
        }
        try {
            UUID id = UUID.fromString(handle.substring(0, handle.indexOf('.')));
            byte[] secret = DECODE.decode(handle.substring(handle.indexOf('.') + 1));
            // native: DELETE ... RETURNING takes the token once, even when two tabs follow the same redirect
            @SuppressWarnings("unchecked")
            List<byte[]> rows = em.createNativeQuery("""
                    delete from access_flash where id = ?1 and session_id = ?2 and expires_at > now()
                    returning sealed""")
                    .setParameter(1, id)
                    .setParameter(2, manager.id())
                    .getResultList();
            if (rows.isEmpty()) {
                return Optional.empty();
            }
            String[] parts = new String(open(secret, rows.get(0)), StandardCharsets.UTF_8).split("\n", 3);
            // the page shows the name and the token only; the table below it shows the key's kind and scopes
            return Optional.of(
                    new ApiKeys.Created(UUID.fromString(parts[0]), parts[2], locationId, null, null, parts[1]));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            return Optional.empty(); // a made-up or altered handle shows nothing
        }
    }

    private static byte[] seal(byte[] secret, byte[] plain) {
        try {
            byte[] iv = new byte[12];
            RANDOM.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(secret, "AES"), new GCMParameterSpec(128, iv));
            byte[] sealed = cipher.doFinal(plain);
            return ByteBuffer.allocate(iv.length + sealed.length)
                    .put(iv)
                    .put(sealed)
                    .array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every Java runtime", e);
        }
    }

    private static byte[] open(byte[] secret, byte[] sealed) throws GeneralSecurityException {
        if (secret.length != 32 || sealed.length < 12 + 16) {
            throw new GeneralSecurityException("not a sealed token");
        }
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(secret, "AES"), new GCMParameterSpec(128, sealed, 0, 12));
        return cipher.doFinal(sealed, 12, sealed.length - 12);
    }
}
