package io.ticketrail.demo;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.ticketrail.location.LocationRequest;
import io.ticketrail.location.LocationRequest.RouteRequest;
import io.ticketrail.location.LocationRequest.StationRequest;
import io.ticketrail.location.LocationService;
import io.ticketrail.location.StationKind;
import io.ticketrail.order.Channel;
import io.ticketrail.order.CommandMeta;
import io.ticketrail.order.ItemRequest;
import io.ticketrail.order.ItemStatus;
import io.ticketrail.order.OrderService;
import io.ticketrail.order.OrderStatus;
import io.ticketrail.order.OrderView;
import io.ticketrail.order.PlaceOrderRequest;
import io.ticketrail.order.Priority;
import io.ticketrail.web.ProblemException;
import org.jboss.logging.Logger;

/** A demo restaurant (grill, fry, salad, bar, expo) and, when asked, a trickle of made-up orders through it. */
@Singleton
public class DemoData {

    private static final Logger LOG = Logger.getLogger(DemoData.class);
    private static final String ACTOR = "demo-generator";

    private static final List<ItemRequest> MENU = List.of(
            item("Cheeseburger", "burgers", List.of("no onion"), List.of("gluten", "dairy")),
            item("Veggie burger", "burgers", List.of(), List.of("gluten")),
            item("Ribeye 300 g", "grill", List.of("medium rare"), List.of()),
            item("Fries", "fries", List.of("extra salt"), List.of()),
            item("Onion rings", "fries", List.of(), List.of("gluten")),
            item("Caesar salad", "salads", List.of("dressing on side"), List.of("egg", "fish")),
            item("Greek salad", "salads", List.of(), List.of("dairy")),
            item("Lemonade", "drinks", List.of("no ice"), List.of()),
            item("IPA", "drinks", List.of(), List.of("gluten")));

    @Inject
    DemoConfig config;

    @Inject
    LocationService locations;

    @Inject
    OrderService orders;

    private final Random random = new Random();

    void onStart(@Observes StartupEvent event) {
        if (config.enabled() && locations.find(config.locationId()).isEmpty()) {
            locations.put(config.locationId(), demoLocation());
            LOG.infof("Created the demo location '%s'", config.locationId());
        }
    }

    @Scheduled(
            every = "${ticketrail.demo.generator.every}",
            delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void generate() {
        if (!config.enabled() || !config.generator().enabled()) {
            return;
        }
        try {
            moveAlong();
            placeOne();
        } catch (ProblemException e) {
            LOG.debugf("Demo generator step refused: %s", e.getMessage());
        }
    }

    static LocationRequest demoLocation() {
        return new LocationRequest(
                "Ticketrail Demo Diner",
                "UTC",
                300,
                600,
                List.of(
                        new StationRequest("grill", "Grill", StationKind.PREP, null, null),
                        new StationRequest("fry", "Fry", StationKind.PREP, null, null),
                        new StationRequest("salad", "Salad", StationKind.PREP, null, null),
                        new StationRequest("bar", "Bar", StationKind.PREP, null, null),
                        new StationRequest("expo", "Expo", StationKind.EXPO, null, null)),
                List.of(
                        new RouteRequest("burgers", "grill"),
                        new RouteRequest("grill", "grill"),
                        new RouteRequest("fries", "fry"),
                        new RouteRequest("salads", "salad"),
                        new RouteRequest("drinks", "bar")),
                "grill",
                false,
                300,
                null,
                null);
    }

    private void placeOne() {
        int count = 1 + random.nextInt(4);
        List<ItemRequest> items =
                random.ints(count, 0, MENU.size()).mapToObj(MENU::get).toList();
        Channel channel = Channel.values()[random.nextInt(Channel.values().length)];
        String externalId = "demo-" + UUID.randomUUID();
        settled(orders.place(
                config.locationId(),
                new PlaceOrderRequest(
                        externalId,
                        channel,
                        channel == Channel.DINE_IN ? Integer.toString(1 + random.nextInt(30)) : null,
                        channel == Channel.DINE_IN ? null : "Guest " + (1 + random.nextInt(99)),
                        "Sam",
                        2,
                        random.nextInt(8) == 0 ? Priority.RUSH : Priority.NORMAL,
                        Instant.now().plus(15, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MINUTES),
                        null,
                        items),
                meta()));
    }

    /** Bumps an item of the oldest open order and serves its oldest ready one, so the board does not only grow. */
    private void moveAlong() {
        List<OrderView> open =
                orders.list(config.locationId(), OrderStatus.OPEN, 0, 50).orders();
        open.stream()
                .filter(o -> o.status() == OrderStatus.READY)
                .reduce((a, b) -> b)
                .ifPresent(o -> settled(orders.complete(config.locationId(), o.id(), meta())));
        Optional<OrderView> oldest =
                open.stream().filter(o -> o.status() != OrderStatus.READY).reduce((a, b) -> b);
        oldest.flatMap(o -> o.items().stream()
                        .filter(i -> i.status() == ItemStatus.QUEUED || i.status() == ItemStatus.IN_PROGRESS)
                        .findFirst())
                .ifPresent(i -> settled(
                        orders.bumpItem(config.locationId(), oldest.get().id(), i.id(), meta())));
    }

    /**
     * Waits for a command's commit (the writer lanes run it), so the next step sees it and a refusal reaches
     * {@link #generate()} as itself rather than being dropped with the unobserved stage.
     */
    private static void settled(CompletionStage<?> command) {
        try {
            command.toCompletableFuture().join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    private static CommandMeta meta() {
        return CommandMeta.system(ACTOR);
    }

    private static ItemRequest item(String name, String category, List<String> modifiers, List<String> allergens) {
        return new ItemRequest(name, 1, category, null, modifiers, null, allergens, 1);
    }
}
