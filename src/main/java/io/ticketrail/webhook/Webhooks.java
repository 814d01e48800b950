package io.ticketrail.webhook;

import java.net.URI;
import java.net.URISyntaxException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;

import io.ticketrail.access.Caller;
import io.ticketrail.log.EventLog;
import io.ticketrail.log.EventType;
import io.ticketrail.log.StreamHead;
import io.ticketrail.web.ProblemException;

/**
 * A location's webhook endpoints: register (the signing secret is shown once), list, resume, delete. A key sees
 * and changes only the endpoints it registered, so two integrators at one location cannot touch each other's;
 * a manager sees every one.
 */
@Singleton
public class Webhooks {

    /** What a receiver may ask for; an item 86'd joins when it exists (issue 16). */
    public static final Set<EventType> OFFERED = EnumSet.of(
            EventType.ORDER_PLACED, EventType.ORDER_READY, EventType.ORDER_COMPLETED, EventType.ORDER_CANCELLED);

    private static final int MAX_URL = 2000;
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    EventLog log;

    @Inject
    WebhookConfig config;

    @Inject
    Event<WebhookEndpointsChanged> changed;

    public record RegisteredWebhook(
            UUID id, String locationId, String url, List<String> events, Instant createdAt, String secret) {}

    public record WebhookView(
            UUID id,
            String url,
            List<String> events,
            WebhookState state,
            String pausedReason,
            Instant pausedAt,
            String createdBy,
            Instant createdAt,
            long deliveredSeq,
            Instant lastAttemptAt,
            Instant lastSuccessAt,
            Integer lastStatus,
            String lastError,
            Instant failingSince,
            Instant nextAttemptAt) {}

    /** Starts at the log's head: the endpoint receives what happens from now on. */
    @Transactional
    public RegisteredWebhook register(String locationId, String url, List<String> events, Caller creator) {
        StreamHead head =
                log.currentHead(locationId).orElseThrow(() -> ProblemException.notFound("No location " + locationId));
        String checkedUrl = url(url);
        List<String> types = events(events);
        if (WebhookEndpoint.countAt(locationId) >= config.maxPerLocation()) {
            throw new ProblemException(
                            422,
                            "webhook-limit",
                            "Too many webhook endpoints",
                            "A location has at most " + config.maxPerLocation() + " webhook endpoints")
                    .with("limit", config.maxPerLocation());
        }
        WebhookEndpoint endpoint = new WebhookEndpoint();
        endpoint.id = UUID.randomUUID();
        endpoint.locationId = locationId;
        endpoint.url = checkedUrl;
        endpoint.eventTypes = types.toArray(String[]::new);
        endpoint.secret = newSecret();
        endpoint.createdBy = creator.actor();
        endpoint.createdAt = Instant.now();
        endpoint.cursorEpoch = head.epoch();
        endpoint.deliveredSeq = head.lastSeq();
        endpoint.state = WebhookState.ACTIVE;
        endpoint.persist();
        changed.fire(new WebhookEndpointsChanged(locationId));
        return new RegisteredWebhook(endpoint.id, locationId, endpoint.url, types, endpoint.createdAt, endpoint.secret);
    }

    @Transactional
    public List<WebhookView> list(String locationId, Caller caller) {
        return WebhookEndpoint.listAt(locationId).stream()
                .filter(endpoint -> visibleTo(endpoint, caller))
                .map(Webhooks::view)
                .toList();
    }

    /** @throws ProblemException 404 when the location has no such endpoint the caller may see */
    @Transactional
    public void delete(String locationId, UUID id, Caller caller) {
        find(locationId, id, caller).delete();
        // the last endpoint gone: the delivering loop stops listening now rather than at its next poll
        changed.fire(new WebhookEndpointsChanged(locationId));
    }

    /** Delivery goes on from its cursor at once; a resume of an active endpoint changes nothing. */
    @Transactional
    public WebhookView resume(String locationId, UUID id, Caller caller) {
        WebhookEndpoint endpoint = find(locationId, id, caller);
        if (endpoint.state == WebhookState.PAUSED) {
            endpoint.state = WebhookState.ACTIVE;
            endpoint.pausedReason = null;
            endpoint.pausedAt = null;
            endpoint.failingSince = null;
            endpoint.failedAttempts = 0;
            endpoint.nextAttemptAt = null;
            changed.fire(new WebhookEndpointsChanged(locationId));
        }
        return view(endpoint);
    }

    private static WebhookEndpoint find(String locationId, UUID id, Caller caller) {
        return WebhookEndpoint.findAt(locationId, id)
                .filter(endpoint -> visibleTo(endpoint, caller))
                .orElseThrow(() -> ProblemException.notFound("No webhook endpoint " + id + " at " + locationId));
    }

    private static boolean visibleTo(WebhookEndpoint endpoint, Caller caller) {
        return caller.kind() != Caller.Kind.KEY || endpoint.createdBy.equals(caller.actor());
    }

    static WebhookView view(WebhookEndpoint e) {
        return new WebhookView(
                e.id,
                e.url,
                List.of(e.eventTypes),
                e.state,
                e.pausedReason,
                e.pausedAt,
                e.createdBy,
                e.createdAt,
                e.deliveredSeq,
                e.lastAttemptAt,
                e.lastSuccessAt,
                e.lastStatus,
                e.lastError,
                e.failingSince,
                e.nextAttemptAt);
    }

    /** An absolute https URL (http only where configured), without credentials in it: the page shows it. */
    private String url(String given) {
        if (given == null || given.isBlank()) {
            throw ProblemException.invalid("url", "is required");
        }
        String url = given.strip();
        if (url.length() > MAX_URL) {
            throw ProblemException.invalid("url", "must be at most " + MAX_URL + " characters");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw ProblemException.invalid("url", "is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        boolean allowed = scheme.equals("https") || (scheme.equals("http") && config.allowHttp());
        if (!allowed) {
            throw ProblemException.invalid("url", config.allowHttp() ? "must be http or https" : "must be https");
        }
        if (uri.getHost() == null || uri.isOpaque()) {
            throw ProblemException.invalid("url", "must name a host");
        }
        if (uri.getRawUserInfo() != null) {
            throw ProblemException.invalid("url", "must not carry a user name or password");
        }
        if (uri.getRawFragment() != null) {
            throw ProblemException.invalid("url", "must not have a fragment");
        }
        return url;
    }

    /** At least one, each offered, each once: in EventType's order, so equal choices read the same. */
    private static List<String> events(List<String> given) {
        String offered = String.join(", ", OFFERED.stream().map(Enum::name).toList());
        if (given == null || given.isEmpty()) {
            throw ProblemException.invalid("events", "must name at least one of " + offered);
        }
        Set<EventType> chosen = EnumSet.noneOf(EventType.class);
        for (String name : given) {
            EventType type = Stream.of(EventType.values())
                    .filter(t -> OFFERED.contains(t) && name != null && t.name().equals(name.strip()))
                    .findFirst()
                    .orElseThrow(() -> ProblemException.invalid("events", "must each be one of " + offered));
            chosen.add(type);
        }
        return chosen.stream().map(Enum::name).toList();
    }

    /** 256 random bits; the prefix tells a secret scanner what a leaked one is. */
    private static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return "whsec_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static boolean wants(String[] types, EventType type) {
        return Arrays.asList(types).contains(type.name());
    }
}
