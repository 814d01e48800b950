package io.ticketrail.presence;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** An SSE screen's acknowledgement: the id it opened its feed with, the seq it rendered, the page it shows. */
public record AckRequest(
        @NotNull
        @Pattern(
                regexp = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}",
                message = "must be the UUID the feed was opened with (?screen=)")
        String screen,

        @NotNull @Min(0) Long seq,
        @Size(max = 200) String page) {}
