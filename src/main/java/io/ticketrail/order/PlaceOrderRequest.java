package io.ticketrail.order;

import java.time.Instant;
import java.util.List;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

public record PlaceOrderRequest(
        @NotBlank @Size(max = 80) String externalId,
        @NotNull Channel channel,
        @Size(max = 40) String table,
        @Size(max = 120) String customerName,
        @Size(max = 120) String serverName,
        @PositiveOrZero @Max(999) Integer guests,
        Priority priority,
        Instant promisedAt,
        @Size(max = 1000) String notes,
        @NotEmpty @Size(max = 200) List<@Valid @NotNull ItemRequest> items) {}
