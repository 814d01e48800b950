package io.ticketrail.order;

import java.util.UUID;
import jakarta.validation.constraints.Size;

/** Recall one item, a station's last bump, or (both empty) a ready order. */
public record RecallRequest(UUID itemId, @Size(max = 40) String stationId) {}
