package io.ticketrail.access;

import java.util.Optional;

/** The locations access checks against; implemented by the location feature. */
public interface LocationDirectory {

    Optional<KnownLocation> known(String locationId);
}
