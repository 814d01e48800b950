package io.ticketrail.access;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import javax.sql.DataSource;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.quarkus.cache.Cache;
import io.quarkus.cache.CacheName;
import io.quarkus.cache.CaffeineCache;

/**
 * Turns a presented token into a {@link Caller}. A verified answer (or a refusal) is kept in the "credentials"
 * cache (Caffeine: at most 50,000 tokens, each for ticketrail.access.cache-for), so a busy POS or a screen's
 * reconnect costs no query; revoking a credential removes it on every instance ({@link AccessRevoked}) and the
 * short life bounds what a missed notification can cost.
 */
@Singleton
public class Credentials {

    static final String CACHE = "credentials";

    @Inject
    DataSource dataSource;

    @Inject
    @CacheName(CACHE)
    Cache cache;

    /** The answer from memory, or null when the database must be asked (a blocking {@link #resolve}). */
    public Optional<Caller> cached(String token) {
        if (!wellFormed(token)) {
            return Optional.empty();
        }
        Optional<Caller> hit = known(token);
        return hit == null ? null : hit.filter(c -> !c.expired(Instant.now()));
    }

    /**
     * The credential from memory, or null when the database must be asked: the session cookie's, else (when it is
     * not a good one) the screen's.
     */
    public Optional<Caller> cached(Presented presented) {
        Optional<Caller> first = cached(presented.token());
        if (presented.fallback() == null || (first != null && first.isPresent())) {
            return first;
        }
        Optional<Caller> second = cached(presented.fallback());
        return first == null || second == null ? null : second;
    }

    /** Verifies what the request presented (blocking): the session cookie's credential, else the screen's. */
    public Optional<Caller> resolve(Presented presented) {
        Optional<Caller> first = resolve(presented.token());
        return first.isPresent() || presented.fallback() == null ? first : resolve(presented.fallback());
    }

    /** Verifies a token against the database (blocking). */
    public Optional<Caller> resolve(String token) {
        Optional<Caller> fromMemory = cached(token);
        if (fromMemory != null) {
            return fromMemory;
        }
        Optional<Caller> caller = lookUp(token);
        cache.as(CaffeineCache.class).put(token, CompletableFuture.completedFuture(caller));
        return caller;
    }

    /** Which of these keys, screens and sessions are still good (blocking): the sweep behind open feeds. */
    public Set<UUID> stillValid(Set<UUID> ids) {
        if (ids.isEmpty()) {
            return Set.of();
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement("""
                        select id from device where id = any(?) and status = 'ACTIVE' and token_expires_at > now()
                        union all
                        select id from manager_session where id = any(?) and revoked_at is null and expires_at > now()
                        union all
                        select id from api_key where id = any(?) and revoked_at is null""")) {
            Array array = connection.createArrayOf("uuid", ids.toArray());
            query.setArray(1, array);
            query.setArray(2, array);
            query.setArray(3, array);
            Set<UUID> valid = new java.util.HashSet<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    valid.add(rows.getObject(1, UUID.class));
                }
            }
            return valid;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not check open feeds' credentials", e);
        }
    }

    void revoked(@Observes AccessRevoked revoked) {
        forget(revoked.id());
    }

    /** The next request with this credential reads it from the database again (its views changed). */
    void forget(UUID id) {
        CaffeineCache tokens = cache.as(CaffeineCache.class);
        for (Object token : tokens.keySet()) {
            Optional<Caller> caller = known(token);
            if (caller != null && caller.map(c -> c.id().equals(id)).orElse(false)) {
                // Caffeine's invalidation runs when subscribed, on this thread: nothing here blocks or waits
                cache.invalidate(token).subscribe().with(done -> {});
            }
        }
    }

    /** What the cache holds for this token (its values are always complete), or null when it holds nothing. */
    private Optional<Caller> known(Object token) {
        CompletableFuture<Optional<Caller>> hit = cache.as(CaffeineCache.class).getIfPresent(token);
        return hit == null ? null : hit.getNow(null);
    }

    private static boolean wellFormed(String token) {
        return Tokens.looksLike(token, Tokens.KEY)
                || Tokens.looksLike(token, Tokens.DEVICE)
                || Tokens.looksLike(token, Tokens.SESSION);
    }

    /**
     * Raw JDBC on purpose: this runs for every credential the cache does not hold, on a worker thread with no
     * request context (the WebSocket upgrade check) and outside any transaction; one indexed read on a pooled
     * connection needs neither a Hibernate session nor a JTA transaction around it.
     */
    private Optional<Caller> lookUp(String token) {
        byte[] hash = Tokens.hash(token);
        try (Connection connection = dataSource.getConnection()) {
            if (token.startsWith(Tokens.KEY)) {
                return key(connection, hash);
            }
            if (token.startsWith(Tokens.DEVICE)) {
                return device(connection, hash);
            }
            return session(connection, hash);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not check a credential", e);
        }
    }

    private static Optional<Caller> key(Connection connection, byte[] hash) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "select id, name, location_id, scopes from api_key where token_hash = ? and revoked_at is null")) {
            query.setBytes(1, hash);
            try (ResultSet row = query.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Caller(
                        Caller.Kind.KEY,
                        row.getObject(1, UUID.class),
                        row.getString(2),
                        Optional.of(Set.of(row.getString(3))),
                        Set.of(),
                        KeyScope.actions(scopes(row.getArray(4))),
                        null,
                        null));
            }
        }
    }

    /** An integration key's scopes; null for a POS key (and for a scope this version does not know). */
    private static List<KeyScope> scopes(Array column) throws SQLException {
        if (column == null) {
            return null;
        }
        List<KeyScope> scopes = new ArrayList<>();
        for (String name : (String[]) column.getArray()) {
            KeyScope.fromWire(name).ifPresent(scopes::add);
        }
        return scopes;
    }

    private static Optional<Caller> device(Connection connection, byte[] hash) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("""
                select id, name, location_id, views, actions, csrf_token, token_expires_at from device
                where token_hash = ? and status = 'ACTIVE' and token_expires_at > now()""")) {
            query.setBytes(1, hash);
            try (ResultSet row = query.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                Set<String> views = Set.of(strings(row.getArray(4)));
                return Optional.of(new Caller(
                        Caller.Kind.DEVICE,
                        row.getObject(1, UUID.class),
                        row.getString(2),
                        Optional.of(Set.of(row.getString(3))),
                        views,
                        deviceActions(views, strings(row.getArray(5))),
                        row.getString(6),
                        row.getTimestamp(7).toInstant()));
            }
        }
    }

    private static Optional<Caller> session(Connection connection, byte[] hash) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("""
                select s.id, m.username, m.locations, s.csrf_token, s.expires_at
                from manager_session s join manager m on m.id = s.manager_id
                where s.token_hash = ? and s.revoked_at is null and s.expires_at > now()""")) {
            query.setBytes(1, hash);
            try (ResultSet row = query.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                Array locations = row.getArray(3);
                return Optional.of(new Caller(
                        Caller.Kind.MANAGER,
                        row.getObject(1, UUID.class),
                        row.getString(2),
                        locations == null ? Optional.empty() : Optional.of(Set.of(strings(locations))),
                        Set.of(),
                        Caller.managerActions(),
                        row.getString(4),
                        row.getTimestamp(5).toInstant()));
            }
        }
    }

    /** A screen reads its location's orders and acknowledges its notices; what it may change is what the manager granted it. */
    static Set<Action> deviceActions(Set<String> views, String[] granted) {
        EnumSet<Action> actions = EnumSet.of(Action.READ_LOCATION, Action.READ_ORDERS, Action.ACKNOWLEDGE);
        Arrays.stream(granted)
                .map(Action::fromWire)
                .filter(Action.GRANTABLE_TO_SCREENS::contains)
                .forEach(actions::add);
        if (views.contains("manager")) {
            actions.add(Action.READ_STATS);
        }
        return actions;
    }

    static String[] strings(Array array) throws SQLException {
        return array == null ? new String[0] : (String[]) array.getArray();
    }
}
