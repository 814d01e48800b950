package io.ticketrail.location;

import java.util.List;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/** The whole configuration of a location, as a PUT replaces it. */
public record LocationRequest(
        @NotBlank @Size(max = 120) String name,
        @NotBlank @Size(max = 64) String timeZone,
        @NotNull @Positive @Max(86_400) Integer warnAfterSeconds,
        @NotNull @Positive @Max(86_400) Integer lateAfterSeconds,
        @NotEmpty @Size(max = 50) List<@Valid @NotNull StationRequest> stations,
        @Size(max = 500) List<@Valid @NotNull RouteRequest> routes,
        @NotBlank String defaultStation,
        Boolean expoConfirmation,
        @Positive @Max(86_400) Integer recallWindowSeconds,
        @Positive @Max(240) Integer courseFireDelayMinutes,
        @Valid AlarmRequest alarm) {

    public static final String SLUG = "[a-z0-9-]{1,40}";

    public record StationRequest(
            @NotBlank @Pattern(regexp = SLUG, message = "must be a slug of a-z, 0-9 and -, at most 40 long")
            String id,

            @NotBlank @Size(max = 80) String name,
            @NotNull StationKind kind,

            @Size(max = 120) @Pattern(regexp = PRINTER, message = "must be host:port of a raw TCP (ESC/POS) printer")
            String printer,

            Boolean alwaysPrint) {}

    /** host:port, the host a name or an IPv4 address (no URL, no path). */
    public static final String PRINTER = "[A-Za-z0-9.-]{1,100}:[0-9]{1,5}";

    /** When a station counts as blind (docs/protocol.md, "The missed-ticket alarm"); null: the defaults. */
    public record AlarmRequest(
            @Positive @Max(3_600) Integer unseenAfterSeconds,
            @Positive @Max(3_600) Integer noScreenAfterSeconds) {}

    public record RouteRequest(
            @NotBlank @Size(max = 80) String category,
            @NotBlank String station) {}
}
