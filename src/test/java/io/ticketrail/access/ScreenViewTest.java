package io.ticketrail.access;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The one list of screen views: names, pages and feeds, as pairing, the pages and the feed read them. */
class ScreenViewTest {

    @Test
    void theScreenPagesPathPatternNamesEveryOnePerLocationPage() {
        assertThat(ScreenView.SINGLE_PAGES.split("\\|"))
                .containsExactlyInAnyOrderElementsOf(Arrays.stream(ScreenView.values())
                        .filter(v -> !v.perStation())
                        .map(ScreenView::page)
                        .toList());
        assertThat(ScreenView.STATION.page()).isEqualTo(ScreenView.KITCHEN_PAGE);
    }

    @Test
    void everyViewHasItsTemplate() {
        for (ScreenView view : ScreenView.values()) {
            assertThat(Path.of("src/main/resources/templates/ScreenPage", view.page() + ".html"))
                    .as(view.name())
                    .exists();
        }
    }

    @Test
    void aNameAScreenIsGivenLeadsToItsViewAndPageAndBack() {
        assertThat(ScreenView.of("station:grill")).contains(ScreenView.STATION);
        assertThat(ScreenView.stationOf("station:grill")).isEqualTo("grill");
        assertThat(ScreenView.STATION.named("grill")).isEqualTo("station:grill");
        assertThat(ScreenView.STATION.path("demo", "grill")).isEqualTo("/l/demo/kitchen/grill");
        assertThat(ScreenView.STATION.label("Grill")).isEqualTo("Kitchen: Grill");
        for (ScreenView view : ScreenView.values()) {
            String name = view.named("fry");
            assertThat(ScreenView.of(name)).as(name).contains(view);
            assertThat(ScreenView.ofPage(view.page())).contains(view);
        }
        assertThat(ScreenView.BOARD.path("demo", null)).isEqualTo("/l/demo/board");
        assertThat(ScreenView.FOH.label(null)).isEqualTo("Front of house");
    }

    @Test
    void anythingElseIsNoView() {
        for (String name : new String[] {"station", "station:", "Expo", "kitchen", "access", "", "board "}) {
            assertThat(ScreenView.of(name)).as(name).isEmpty();
        }
        assertThat(ScreenView.of(null)).isEmpty();
        assertThat(ScreenView.ofPage("access")).isEqualTo(Optional.empty());
    }

    @Test
    void theBoardFollowsFrontOfHousesFeedAndEveryOtherViewItsOwn() {
        assertThat(ScreenView.feedOf("board")).isEqualTo("foh");
        assertThat(ScreenView.feedOf("station:grill")).isEqualTo("station:grill");
        assertThat(ScreenView.feedOf("expo")).isEqualTo("expo");
        assertThat(ScreenView.feedOf("manager")).isEqualTo("manager");
        assertThat(ScreenView.feedOf("nonsense")).isEqualTo("nonsense");
    }

    @Test
    void aScreenGivenTheBoardMayWatchFrontOfHousesFeedButNotOpenItsPage() {
        Caller board = new Caller(
                Caller.Kind.DEVICE,
                UUID.randomUUID(),
                "board",
                Optional.of(Set.of("demo")),
                Set.of("board"),
                Set.of(Action.READ_ORDERS),
                "csrf",
                null);

        assertThat(board.mayWatch("demo", "foh")).isTrue();
        assertThat(board.mayWatch("demo", "expo")).isFalse();
        assertThat(board.mayWatch("elsewhere", "foh")).isFalse();
        assertThat(board.mayOpenPage("demo", "board")).isTrue();
        assertThat(board.mayOpenPage("demo", "foh")).isFalse();
    }
}
