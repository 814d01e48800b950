package io.ticketrail.order;

import jakarta.validation.constraints.Size;

/** The optional body of void and cancel. */
public record ReasonRequest(@Size(max = 500) String reason) {}
