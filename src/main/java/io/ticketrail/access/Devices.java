package io.ticketrail.access;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.ticketrail.web.Problem;
import io.ticketrail.web.ProblemException;

/**
 * Pairing screens. A screen asks for a code and shows it; a manager approves the code for a location, views and
 * actions; the screen collects its token once, with the claim secret only it holds. A code that expired, was
 * approved already or never existed is refused, and so is a second collection of the same token.
 */
@ApplicationScoped
public class Devices {

    /**
     * Unauthenticated pairing must not fill the table: past this many waiting screens, new ones wait. Each address
     * has its own, lower limit (pairings-per-address), so filling this takes thousands of addresses.
     */
    private static final int MAX_PENDING = 5000;

    @Inject
    EntityManager em;

    @Inject
    AccessConfig config;

    @Inject
    LocationDirectory locations;

    @Inject
    Credentials credentials;

    /** Who approved a pairing that dev mode granted by itself (recorded as {@code manager:dev-auto-pair}). */
    private static final String DEV_APPROVER_NAME = "dev-auto-pair";

    private static final String DEV_APPROVER = "manager:" + DEV_APPROVER_NAME;

    public record Pairing(UUID pairingId, String code, String claim, Instant expiresAt) {}

    /** What a screen gets when it collects its token. */
    public record Paired(
            UUID deviceId,
            String token,
            String csrfToken,
            String locationId,
            List<String> views,
            List<String> actions,
            Instant expiresAt) {}

    public record DeviceView(
            UUID id,
            String name,
            String status,
            String locationId,
            List<String> views,
            List<String> actions,
            String approvedBy,
            Instant approvedAt,
            Instant tokenExpiresAt,
            Instant revokedAt) {}

    /**
     * A new pairing code for a screen at {@code address} (its client address, an IPv6 one by its /64).
     *
     * @throws ProblemException 429 when that address has its most codes waiting, 503 when the whole table is full
     */
    @Transactional
    public Pairing start(String address) {
        em.createNativeQuery(
                        "delete from device where status in ('PENDING', 'APPROVED') and pairing_expires_at < now()")
                .executeUpdate();
        int perAddress = config.limits().pairingsPerAddress();
        if (perAddress > 0) {
            // counting and inserting under one lock per address: parallel requests cannot pass the limit together
            em.createNativeQuery("select 1 from (select pg_advisory_xact_lock(hashtext('pairing:' || ?1))) l")
                    .setParameter(1, address)
                    .getSingleResult();
            @SuppressWarnings("unchecked")
            List<Instant> waiting = em.createNativeQuery("""
                    select pairing_expires_at from device where status = 'PENDING' and pairing_address = ?1
                    order by pairing_expires_at""", Instant.class)
                    .setParameter(1, address)
                    .getResultList();
            if (waiting.size() >= perAddress) {
                long seconds = Math.max(
                        1, Duration.between(Instant.now(), waiting.get(0)).toSeconds());
                throw new ProblemException(
                                429,
                                "pairing-limit",
                                "Too many screens waiting here",
                                perAddress
                                        + " screens from this network are already waiting to be paired; approve them, or "
                                        + "try again when the oldest code expires in " + seconds + " s")
                        .with("retryAfter", seconds)
                        .header("Retry-After", Long.toString(seconds));
            }
        }
        long pending = ((Number) em.createNativeQuery("select count(*) from device where status = 'PENDING'")
                        .getSingleResult())
                .longValue();
        if (pending >= MAX_PENDING) {
            throw new ProblemException(
                            503,
                            "pairing-busy",
                            "Too many screens waiting",
                            "Too many screens are waiting to be paired; try again in a minute")
                    .header("Retry-After", "60");
        }
        UUID id = UUID.randomUUID();
        String claim = Tokens.newToken(Tokens.CLAIM);
        Instant expires = Instant.now().plus(config.pairingCodeLifetime());
        for (int attempt = 0; ; attempt++) {
            String code = Tokens.newPairingCode();
            // 25^6 codes: a clash with one of at most 5,000 waiting codes is rare; the unique index decides
            int inserted = em.createNativeQuery("""
                    insert into device (id, status, pairing_code, claim_hash, pairing_expires_at, views, actions, created_at,
                        pairing_address)
                    values (?1, 'PENDING', ?2, ?3, ?4, '{}', '{}', now(), ?5)
                    on conflict (pairing_code) where status = 'PENDING' do nothing""")
                    .setParameter(1, id)
                    .setParameter(2, code)
                    .setParameter(3, Tokens.hash(claim))
                    .setParameter(4, expires)
                    .setParameter(5, address)
                    .executeUpdate();
            if (inserted == 1) {
                return new Pairing(id, code, claim, expires);
            }
            if (attempt == 5) {
                throw new IllegalStateException("No free pairing code after 6 attempts");
            }
        }
    }

    /**
     * Approves the screen showing {@code code}.
     *
     * @throws ProblemException 404 when no screen shows this code now, 400 for an unknown view or action
     */
    @Transactional
    public DeviceView approve(
            String locationId, String code, String name, List<String> views, List<String> actions, Caller approver) {
        KnownLocation location =
                locations.known(locationId).orElseThrow(() -> ProblemException.notFound("No location " + locationId));
        Set<String> checkedViews = checkViews(location, views);
        Set<String> checkedActions = checkActions(actions);
        String cleanName = name == null || name.isBlank() ? String.join(", ", checkedViews) : name.strip();
        if (cleanName.length() > 80) {
            throw ProblemException.invalid("name", "must be at most 80 characters");
        }
        String normalised = code == null
                ? ""
                : code.strip().toUpperCase(Locale.ROOT).replace(" ", "").replace("-", "");
        @SuppressWarnings("unchecked")
        List<Object> ids = em.createNativeQuery("""
                select id from device where pairing_code = ?1 and status = 'PENDING' and pairing_expires_at > now()
                for update""").setParameter(1, normalised).getResultList();
        if (ids.isEmpty()) {
            throw new ProblemException(
                    404,
                    "pairing-code-unknown",
                    "No screen shows this code",
                    "No screen is waiting with code " + normalised + ": it expired, was used already, or was mistyped",
                    List.of(new Problem.FieldError("code", "no screen is waiting with this code")));
        }
        UUID id = (UUID) ids.get(0);
        em.createNativeQuery("""
                update device set status = 'APPROVED', location_id = ?2, name = ?3,
                    views = string_to_array(?4, ','), actions = string_to_array(?5, ','),
                    approved_by = ?6, approved_at = now()
                where id = ?1""")
                .setParameter(1, id)
                .setParameter(2, locationId)
                .setParameter(3, cleanName)
                .setParameter(4, String.join(",", checkedViews))
                .setParameter(5, String.join(",", checkedActions))
                .setParameter(6, approver.actor())
                .executeUpdate();
        return find(locationId, id).orElseThrow();
    }

    /**
     * The screen collects its token: once, with its claim secret.
     *
     * @return empty while no manager has approved it yet
     * @throws ProblemException 404 for an unknown pairing or a wrong claim, 410 once expired or collected
     */
    @Transactional
    public Optional<Paired> claim(UUID pairingId, String claim) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows =
                em.createNativeQuery("""
                select claim_hash, status, pairing_expires_at < now(), location_id, views, actions from device
                where id = ?1 for update""").setParameter(1, pairingId).getResultList();
        if (rows.isEmpty() || claim == null || !Arrays.equals((byte[]) rows.get(0)[0], Tokens.hash(claim))) {
            throw ProblemException.notFound("No such pairing");
        }
        Object[] row = rows.get(0);
        String status = (String) row[1];
        boolean expired = (Boolean) row[2];
        if (status.equals("ACTIVE") || status.equals("REVOKED") || expired) {
            throw new ProblemException(
                    410,
                    "pairing-over",
                    "Pairing is over",
                    "This pairing was used already or has expired; start a new one");
        }
        if (status.equals("PENDING")) {
            return Optional.empty();
        }
        String token = Tokens.newToken(Tokens.DEVICE);
        String csrf = Tokens.newCsrfToken();
        Instant expires = Instant.now().plus(config.deviceTokenLifetime());
        em.createNativeQuery("""
                update device set status = 'ACTIVE', token_hash = ?2, csrf_token = ?3, token_expires_at = ?4
                where id = ?1""")
                .setParameter(1, pairingId)
                .setParameter(2, Tokens.hash(token))
                .setParameter(3, csrf)
                .setParameter(4, expires)
                .executeUpdate();
        return Optional.of(new Paired(
                pairingId, token, csrf, (String) row[3], Rows.strings(row[4]), Rows.strings(row[5]), expires));
    }

    /** Dev mode's demo screens: a pairing approved at once for the page that asked, with its usual actions. */
    @Transactional
    public Pairing startApproved(String locationId, String view) {
        Pairing pairing = start("dev-auto-pair");
        Caller system = new Caller(
                Caller.Kind.MANAGER,
                new UUID(0, 0),
                DEV_APPROVER_NAME,
                Optional.empty(),
                Set.of(),
                Set.of(),
                null,
                null);
        approve(locationId, pairing.code(), view + " (dev)", List.of(view), defaultActions(view), system);
        return pairing;
    }

    /**
     * Dev mode's one browser, many screens: a screen that dev mode paired by itself opens another page of its
     * location, and its device gets that view and its usual actions too. One browser profile holds one device
     * cookie (the API and the feed under /api and /ws need it from every page, so a cookie per page path cannot
     * work); a second pairing would replace the cookie and take the first screens' access with it.
     *
     * @return the device's views and actions now; empty when this is not a dev-paired screen of the location
     */
    @Transactional
    public Optional<Paired> addDevView(Caller device, String locationId, String view) {
        if (device.kind() != Caller.Kind.DEVICE || !device.atLocation(locationId)) {
            return Optional.empty();
        }
        KnownLocation location = locations.known(locationId).orElse(null);
        if (location == null) {
            return Optional.empty();
        }
        String checked = checkViews(location, List.of(view)).iterator().next();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                update device set views = case when ?2 = any(views) then views else array_append(views, ?2) end,
                    actions = array(select distinct a from unnest(actions || string_to_array(?3, ',')) a order by 1),
                    name = 'dev browser'
                where id = ?1 and location_id = ?4 and status = 'ACTIVE' and approved_by = ?5
                returning views, actions, token_expires_at""")
                .setParameter(1, device.id())
                .setParameter(2, checked)
                .setParameter(3, String.join(",", defaultActions(checked)))
                .setParameter(4, locationId)
                .setParameter(5, DEV_APPROVER)
                .getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        credentials.forget(device.id());
        Object[] row = rows.get(0);
        return Optional.of(new Paired(
                device.id(), null, null, locationId, Rows.strings(row[0]), Rows.strings(row[1]), Rows.instant(row[2])));
    }

    /**
     * What a screen usually does: cooks start, bump and recall; expo marks ready, sends back and fires the next
     * course (the expediter paces the courses); front of house completes.
     */
    public static List<String> defaultActions(String view) {
        return ScreenView.of(view).map(ScreenView::defaultActions).orElse(List.of());
    }

    @Transactional
    public List<DeviceView> list(String locationId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(SELECT + " where location_id = ?1 order by approved_at desc")
                .setParameter(1, locationId)
                .getResultList();
        return rows.stream().map(Devices::view).toList();
    }

    @Transactional
    public Optional<DeviceView> find(String locationId, UUID id) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(SELECT + " where location_id = ?1 and id = ?2")
                .setParameter(1, locationId)
                .setParameter(2, id)
                .getResultList();
        return rows.stream().map(Devices::view).findFirst();
    }

    /** @throws ProblemException 404 when the location has no such screen */
    @Transactional
    public void revoke(String locationId, UUID id) {
        int changed = em.createNativeQuery("""
                update device set status = 'REVOKED', revoked_at = coalesce(revoked_at, now())
                where id = ?1 and location_id = ?2""")
                .setParameter(1, id)
                .setParameter(2, locationId)
                .executeUpdate();
        if (changed == 0) {
            throw ProblemException.notFound("No screen " + id + " at " + locationId);
        }
        Revocation.announce(em, id);
    }

    private static final String SELECT = """
            select id, name, status, location_id, views, actions, approved_by, approved_at, token_expires_at,
                revoked_at from device""";

    private static DeviceView view(Object[] row) {
        return new DeviceView(
                (UUID) row[0],
                (String) row[1],
                (String) row[2],
                (String) row[3],
                Rows.strings(row[4]),
                Rows.strings(row[5]),
                (String) row[6],
                Rows.instant(row[7]),
                Rows.instant(row[8]),
                Rows.instant(row[9]));
    }

    private Set<String> checkViews(KnownLocation location, List<String> views) {
        if (views == null || views.isEmpty()) {
            throw ProblemException.invalid("views", "must name at least one view");
        }
        Set<String> stations = Set.copyOf(location.kitchenStationIds());
        Set<String> checked = new LinkedHashSet<>();
        for (String view : views) {
            String v = view == null ? "" : view.strip();
            boolean known = ScreenView.of(v)
                    .filter(kind -> !kind.perStation() || stations.contains(ScreenView.stationOf(v)))
                    .isPresent();
            if (!known) {
                throw ProblemException.invalid(
                        "views",
                        "unknown view " + v + "; use station:<id> of a kitchen "
                                + "station, expo, foh, board or manager");
            }
            checked.add(v);
        }
        return checked;
    }

    private static Set<String> checkActions(List<String> actions) {
        Set<String> checked = new LinkedHashSet<>();
        for (String name : actions == null ? List.<String>of() : actions) {
            Action action;
            try {
                action = Action.fromWire(name == null ? "" : name);
            } catch (IllegalArgumentException e) {
                action = null;
            }
            if (action == null || !Action.GRANTABLE_TO_SCREENS.contains(action)) {
                throw ProblemException.invalid(
                        "actions",
                        "unknown action " + name
                                + "; a screen may be given start, bump, recall, ready, complete and fire-course");
            }
            checked.add(action.wireName());
        }
        return checked;
    }
}
