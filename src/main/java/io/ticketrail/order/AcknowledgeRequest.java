package io.ticketrail.order;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Whose notices to clear: {@code station:<id>} or {@code expo}, as in a screen's views. */
public record AcknowledgeRequest(@NotBlank @Size(max = 48) String view) {}
