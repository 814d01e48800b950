package io.ticketrail.screen;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import com.microsoft.playwright.Page;

/**
 * What a cook two metres away cannot read on a page: text clipped by an ancestor that hides overflow (the window
 * included) without a visible "continued"/"more" marker on its ticket, and words broken inside themselves. The
 * check runs in the page (src/test/resources/readability.js) on the layout as drawn.
 */
public final class Readability {

    /** The sizes kitchen displays and tablets come in, largest first: 1920x1080, 1366x768, 1280x800, 1024x768. */
    static final List<int[]> SCREEN_SIZES =
            List.of(new int[] {1920, 1080}, new int[] {1366, 768}, new int[] {1280, 800}, new int[] {1024, 768});

    private static final String SCRIPT = load();

    private Readability() {}

    /** One readable line per problem, "clipped: ticket #42: ..." or "broken word: ticket #7: ...". */
    public static List<String> problems(Page page) {
        List<?> found = (List<?>) page.evaluate(SCRIPT);
        return found.stream().map(String::valueOf).toList();
    }

    public static long clipped(List<String> problems) {
        return problems.stream().filter(p -> p.startsWith("clipped:")).count();
    }

    public static long brokenWords(List<String> problems) {
        return problems.stream().filter(p -> p.startsWith("broken word:")).count();
    }

    private static String load() {
        try (InputStream in = Readability.class.getResourceAsStream("/readability.js")) {
            if (in == null) {
                throw new IllegalStateException("readability.js is missing from the test resources");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
