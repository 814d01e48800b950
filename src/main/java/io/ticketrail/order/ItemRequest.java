package io.ticketrail.order;

import java.util.List;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** One item as the POS sends it. Without a station it is routed by category, else to the default station. */
public record ItemRequest(
        @NotBlank @Size(max = 120) String name,
        @NotNull @Min(1) @Max(99) Integer qty,
        @Size(max = 80) String category,
        @Size(max = 40) String station,
        @Size(max = 20) List<@NotBlank @Size(max = 120) String> modifiers,
        @Size(max = 500) String notes,
        @Size(max = 20) List<@NotBlank @Size(max = 40) String> allergens,
        @Min(1) @Max(9) Integer course) {}
