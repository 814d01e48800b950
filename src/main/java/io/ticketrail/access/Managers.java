package io.ticketrail.access;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.ticketrail.web.ProblemException;
import org.jboss.logging.Logger;

/** Manager accounts (bcrypt, cost 12 unless ticketrail.access.password-cost says otherwise) and their sessions; the first account comes from configuration. */
@Singleton
public class Managers {

    private static final Logger LOG = Logger.getLogger(Managers.class);
    /**
     * Compared against when the username is unknown, so a wrong name takes as long as a wrong password. Made on
     * first use: a bcrypt hash costs a good part of a second, which start-up (readiness) should not pay.
     */
    private volatile String nobodyHash;

    @Inject
    EntityManager em;

    @Inject
    AccessConfig config;

    /** A new session: its token goes in the cookie (or an Authorization header), the CSRF token in the page. */
    public record SignedIn(UUID sessionId, String token, String csrfToken, Instant expiresAt, String username) {}

    @Transactional
    void bootstrap(@Observes StartupEvent event) {
        String username = config.bootstrap().username();
        Optional<String> configured = config.bootstrap().password();
        boolean dev = LaunchMode.current() == LaunchMode.DEVELOPMENT;
        if (Manager.count() > 0 && !dev) {
            return; // the configured password is for the first start only; later changes happen in the app
        }
        if (configured.isEmpty() && !dev) {
            LOG.warnf("No manager account exists and ticketrail.access.bootstrap.password is not set: nobody can "
                    + "sign in. Set TICKETRAIL_ACCESS_BOOTSTRAP_PASSWORD (and _USERNAME) and restart.");
            return;
        }
        // dev mode (re)sets the account on every start: to the configured password, or to a fresh one printed
        // below and never stored in a file
        String initial = configured.orElseGet(() -> Tokens.newToken("").substring(0, 16));
        validatePassword(initial);
        String hash = BcryptUtil.bcryptHash(initial, config.passwordCost());
        Manager manager = Manager.findByUsername(username).orElseGet(() -> {
            Manager created = new Manager();
            created.id = UUID.randomUUID();
            created.username = username;
            created.createdAt = Instant.now();
            return created;
        });
        manager.passwordHash = hash;
        manager.persist();
        if (configured.isEmpty()) {
            LOG.infof(
                    "%n  Manager sign-in: http://localhost:8080/login as %s / %s (dev mode; a new password each start)"
                            + "%n  Demo screens pair themselves: open http://localhost:8080/%n",
                    username, initial);
        } else {
            LOG.infof("Created the first manager account, %s, from configuration", username);
        }
    }

    private String nobodyHash() {
        String hash = nobodyHash;
        if (hash == null) {
            // two first calls at once both hash: harmless, and cheaper than a lock on every sign-in
            hash = BcryptUtil.bcryptHash(Tokens.newToken(""), config.passwordCost());
            nobodyHash = hash;
        }
        return hash;
    }

    /** @throws ProblemException 401 for a wrong username or password (the same answer for both) */
    @Transactional
    public SignedIn signIn(String username, String password) {
        Optional<Manager> manager = Manager.findByUsername(username == null ? "" : username);
        String hash = manager.map(m -> m.passwordHash).orElseGet(this::nobodyHash);
        boolean matches = password != null && password.length() <= 200 && BcryptUtil.matches(password, hash);
        if (manager.isEmpty() || !matches) {
            throw new ProblemException(
                    401, "sign-in-failed", "Wrong username or password", "The username or the password is wrong");
        }
        String token = Tokens.newToken(Tokens.SESSION);
        String csrf = Tokens.newCsrfToken();
        ManagerSession session = new ManagerSession();
        session.id = UUID.randomUUID();
        session.tokenHash = Tokens.hash(token);
        session.managerId = manager.get().id;
        session.csrfToken = csrf;
        session.createdAt = Instant.now();
        session.expiresAt = session.createdAt.plus(config.sessionLifetime());
        session.persist();
        return new SignedIn(session.id, token, csrf, session.expiresAt, username);
    }

    @Transactional
    public void signOut(UUID sessionId) {
        ManagerSession.<ManagerSession>findByIdOptional(sessionId)
                .filter(s -> s.revokedAt == null)
                .ifPresent(s -> s.revokedAt = Instant.now());
        Revocation.announce(em, sessionId);
    }

    @Scheduled(every = "1h", delayed = "5m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    void forgetOldSessions() {
        ManagerSession.deleteExpiredBefore(Instant.now().minus(Duration.ofDays(1)));
    }

    /** bcrypt reads 72 bytes at most; a longer password would pass with only its start. */
    static void validatePassword(String password) {
        int bytes = password.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        if (password.length() < 12 || bytes > 72) {
            throw new IllegalStateException("ticketrail.access.bootstrap.password must be 12 to 72 bytes long");
        }
    }
}
