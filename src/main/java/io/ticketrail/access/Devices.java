package io.ticketrail.access;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.ticketrail.web.Problem;
import io.ticketrail.web.ProblemException;

/**
 * Pairing screens. A screen asks for a code and shows it; a manager approves the code for a location, views and
 * actions; the screen collects its token once, with the claim secret only it holds. A code that expired, was
 * approved already or never existed is refused, and so is a second collection of the same token.
 */
@Singleton
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
        Instant now = Instant.now();
        Device.deleteUnclaimedExpired(now);
        int perAddress = config.limits().pairingsPerAddress();
        if (perAddress > 0) {
            // counting and inserting under one lock per address: parallel requests cannot pass the limit together
            // (native: an advisory lock has no JPQL form)
            em.createNativeQuery("select 1 from (select pg_advisory_xact_lock(hashtext('pairing:' || ?1))) l")
                    .setParameter(1, address)
                    .getSingleResult();
            List<Device> waiting = Device.listWaitingFrom(address);
            if (waiting.size() >= perAddress) {
                long seconds = Math.max(
                        1,
                        Duration.between(now, waiting.get(0).pairingExpiresAt).toSeconds());
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
        if (Device.countWaiting() >= MAX_PENDING) {
            throw new ProblemException(
                            503,
                            "pairing-busy",
                            "Too many screens waiting",
                            "Too many screens are waiting to be paired; try again in a minute")
                    .header("Retry-After", "60");
        }
        UUID id = UUID.randomUUID();
        String claim = Tokens.newToken(Tokens.CLAIM);
        Instant expires = now.plus(config.pairingCodeLifetime());
        for (int attempt = 0; ; attempt++) {
            String code = Tokens.newPairingCode();
            // 25^6 codes: a clash with one of at most 5,000 waiting codes is rare; the unique index decides. Native
            // insert: ON CONFLICT lets a clash try another code, where a failed persist would doom the transaction.
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
        Device device =
                Device.findWaitingWithCodeForUpdate(normalised, Instant.now()).orElse(null);
        if (device == null) {
            throw new ProblemException(
                    404,
                    "pairing-code-unknown",
                    "No screen shows this code",
                    "No screen is waiting with code " + normalised + ": it expired, was used already, or was mistyped",
                    List.of(new Problem.FieldError("code", "no screen is waiting with this code")));
        }
        device.status = DeviceStatus.APPROVED;
        device.locationId = locationId;
        device.name = cleanName;
        device.views = checkedViews.toArray(String[]::new);
        device.actions = checkedActions.toArray(String[]::new);
        device.approvedBy = approver.actor();
        device.approvedAt = Instant.now();
        return view(device);
    }

    /**
     * The screen collects its token: once, with its claim secret.
     *
     * @return empty while no manager has approved it yet
     * @throws ProblemException 404 for an unknown pairing or a wrong claim, 410 once expired or collected
     */
    @Transactional
    public Optional<Paired> claim(UUID pairingId, String claim) {
        Device device = Device.findForUpdate(pairingId).orElse(null);
        if (device == null || claim == null || !Arrays.equals(device.claimHash, Tokens.hash(claim))) {
            throw ProblemException.notFound("No such pairing");
        }
        Instant now = Instant.now();
        boolean over = switch (device.status) {
            case ACTIVE, REVOKED -> true;
            case PENDING, APPROVED -> device.pairingExpiresAt.isBefore(now);
        };
        if (over) {
            throw new ProblemException(
                    410,
                    "pairing-over",
                    "Pairing is over",
                    "This pairing was used already or has expired; start a new one");
        }
        if (device.status == DeviceStatus.PENDING) {
            return Optional.empty();
        }
        String token = Tokens.newToken(Tokens.DEVICE);
        String csrf = Tokens.newCsrfToken();
        device.status = DeviceStatus.ACTIVE;
        device.tokenHash = Tokens.hash(token);
        device.csrfToken = csrf;
        device.tokenExpiresAt = now.plus(config.deviceTokenLifetime());
        return Optional.of(new Paired(
                pairingId,
                token,
                csrf,
                device.locationId,
                List.of(device.views),
                List.of(device.actions),
                device.tokenExpiresAt));
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
        Device found = Device.findForUpdate(device.id())
                .filter(d -> locationId.equals(d.locationId)
                        && d.status == DeviceStatus.ACTIVE
                        && DEV_APPROVER.equals(d.approvedBy))
                .orElse(null);
        if (found == null) {
            return Optional.empty();
        }
        Set<String> views = new LinkedHashSet<>(List.of(found.views));
        views.add(checked);
        Set<String> actions = new TreeSet<>(List.of(found.actions));
        actions.addAll(defaultActions(checked));
        found.views = views.toArray(String[]::new);
        found.actions = actions.toArray(String[]::new);
        found.name = "dev browser";
        credentials.forget(device.id());
        return Optional.of(new Paired(
                device.id(), null, null, locationId, List.copyOf(views), List.copyOf(actions), found.tokenExpiresAt));
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
        return Device.listAt(locationId).stream().map(Devices::view).toList();
    }

    @Transactional
    public Optional<DeviceView> find(String locationId, UUID id) {
        return Device.findAt(locationId, id).map(Devices::view);
    }

    /** @throws ProblemException 404 when the location has no such screen */
    @Transactional
    public void revoke(String locationId, UUID id) {
        Device device = Device.findAt(locationId, id)
                .orElseThrow(() -> ProblemException.notFound("No screen " + id + " at " + locationId));
        device.status = DeviceStatus.REVOKED;
        if (device.revokedAt == null) {
            device.revokedAt = Instant.now();
        }
        Revocation.announce(em, id);
    }

    private static DeviceView view(Device device) {
        return new DeviceView(
                device.id,
                device.name,
                device.status.name(),
                device.locationId,
                List.of(device.views),
                List.of(device.actions),
                device.approvedBy,
                device.approvedAt,
                device.tokenExpiresAt,
                device.revokedAt);
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
