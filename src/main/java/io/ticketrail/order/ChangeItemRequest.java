package io.ticketrail.order;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

/** PATCH of one item: the fields present are changed; an empty {@code notes} removes the note. */
public record ChangeItemRequest(
        @Min(1) @Max(99) Integer qty, @Size(max = 500) String notes) {}
