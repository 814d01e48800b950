package io.ticketrail.webhook;

import java.net.URI;
import java.util.List;
import java.util.regex.Pattern;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.ticketrail.screen.Chromium;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.ticketrail.testsupport.Api.burgerAndFries;
import static io.ticketrail.testsupport.Api.createLocation;
import static io.ticketrail.testsupport.Api.placedId;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A manager registers a webhook endpoint on the access page, copies its secret (shown once), watches its
 * deliveries and its failure, resumes it once paused and deletes it; the section is readable at 1920x1080 and
 * 1366x768. Screenshots of it go to target/screenshots/access-webhooks-&lt;w&gt;x&lt;h&gt;.png.
 */
@QuarkusTest
class WebhookPageTest {

    @RegisterExtension
    static final Chromium chromium = new Chromium();

    /** The page asks again every 5 s, and the test profile pauses an endpoint failing for 4 s. */
    private static final LocatorAssertions.ContainsTextOptions PAUSE =
            new LocatorAssertions.ContainsTextOptions().setTimeout(20_000);

    @TestHTTPResource("/")
    URI base;

    /**
     * The page scrolls, so what matters is that the webhooks table fits its panel and no cell hides its text
     * (a URL, a failure): the texts of the cells that overflow, and the table's if it is wider than its panel.
     */
    @SuppressWarnings("unchecked")
    private static List<String> overflowing(Page page) {
        return (List<String>) page.evaluate("""
                () => {
                  const table = document.getElementById('webhooks');
                  const found = [];
                  if (table.getBoundingClientRect().right > table.parentElement.getBoundingClientRect().right + 1) {
                    found.push('the table is wider than its panel');
                  }
                  table.querySelectorAll('th, td').forEach((c) => {
                    if (c.scrollWidth > c.clientWidth + 1 || c.scrollHeight > c.clientHeight + 1) {
                      found.push(c.textContent);
                    }
                  });
                  return found;
                }""");
    }

    @Test
    void registerWatchResumeAndDeleteAnEndpoint() throws Exception {
        String location = createLocation();
        try (Receiver receiver = new Receiver()) {
            Page page = chromium.open(base.resolve("/l/" + location + "/access").toString());
            assertThat(page.locator("#webhooks tbody")).containsText("No webhook endpoints yet.");

            page.locator("#webhook-url").fill(receiver.url());
            page.locator("input[name='events'][value='ORDER_PLACED']").check();
            page.getByText("Register endpoint").click();

            Locator secret = page.locator("#webhook-secret");
            assertThat(secret).hasText(Pattern.compile("^whsec_[A-Za-z0-9_-]{43}$"));
            assertThat(page.getByText("shows it only this once")).isVisible();
            String shown = secret.textContent();
            receiver.secret(shown);
            Locator row = page.locator("#webhooks tbody tr");
            assertThat(row).hasCount(1);
            assertThat(row).containsText(receiver.url());
            assertThat(row).containsText("order placed, order ready");
            assertThat(row.locator(".state")).hasText("active");

            placedId(location, burgerAndFries());
            assertThat(row.locator(".delivered")).containsText("ago, up to seq 1");
            assertThat(receiver.accepted())
                    .allSatisfy(d -> assertThat(d.signed()).isTrue());

            receiver.answerAlways(500);
            placedId(location, burgerAndFries());
            assertThat(row.locator(".failure")).containsText("HTTP 500", PAUSE);
            assertThat(row.locator(".state")).containsText("paused", PAUSE);
            Locator section = page.locator("section:has(#webhooks)");
            for (int[] size : List.of(new int[] {1920, 1080}, new int[] {1366, 768})) {
                page.setViewportSize(size[0], size[1]);
                section.screenshot(new Locator.ScreenshotOptions()
                        .setPath(Chromium.SCREENSHOTS.resolve("access-webhooks-" + size[0] + "x" + size[1] + ".png")));
                assertThat(overflowing(page))
                        .as("at " + size[0] + "x" + size[1])
                        .isEmpty();
            }

            receiver.answerAlways(200);
            page.getByLabel("Resume " + receiver.url()).click();
            assertThat(row.locator(".state")).hasText("active");
            assertThat(row.locator(".delivered")).containsText("up to seq 2");
            assertThat(receiver.accepted()).hasSize(2);

            page.getByLabel("Delete " + receiver.url()).click();
            assertThat(page.locator("#webhooks tbody")).containsText("No webhook endpoints yet.");
            page.reload();
            assertThat(page.content()).doesNotContain(shown);
            page.context().close();
        }
    }
}
