package io.ticketrail.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Secrets handed out by Ticketrail: 256 random bits, with a prefix that says what kind of credential it is
 * ({@code trk_key_}, {@code trk_dev_}, {@code trk_ses_}), so a leaked one is recognisable and the lookup goes to
 * the right table. Only their SHA-256 is stored.
 */
final class Tokens {

    static final String KEY = "trk_key_";
    static final String DEVICE = "trk_dev_";
    static final String SESSION = "trk_ses_";
    /** The secret a pairing screen keeps to collect its token; never a credential by itself. */
    static final String CLAIM = "trk_clm_";

    private static final SecureRandom RANDOM = new SecureRandom();
    /** Pairing codes avoid letters and digits that look alike on a kitchen screen (0/O, 1/I/L, 5/S, 2/Z, 8/B). */
    private static final char[] CODE_ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679".toCharArray();

    private static final int SECRET_LENGTH = 43; // 32 bytes, base64url without padding

    private Tokens() {}

    static String newToken(String prefix) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    static String newPairingCode() {
        StringBuilder code = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            code.append(CODE_ALPHABET[RANDOM.nextInt(CODE_ALPHABET.length)]);
        }
        return code.toString();
    }

    static String newCsrfToken() {
        return newToken("").substring(0, 32);
    }

    /** True when the text has the shape of a token of this kind; anything else is refused without a lookup. */
    static boolean looksLike(String token, String prefix) {
        if (token == null || token.length() != prefix.length() + SECRET_LENGTH || !token.startsWith(prefix)) {
            return false;
        }
        for (int i = prefix.length(); i < token.length(); i++) {
            char c = token.charAt(i);
            if (!(Character.isLetterOrDigit(c) && c < 128) && c != '-' && c != '_') {
                return false;
            }
        }
        return true;
    }

    static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }

    static boolean sameSecret(String expected, String given) {
        return expected != null
                && given != null
                && MessageDigest.isEqual(
                        expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }
}
