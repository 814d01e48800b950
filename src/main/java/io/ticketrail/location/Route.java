package io.ticketrail.location;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** Items of this category go to this station, unless the POS names a station itself. */
@Embeddable
public class Route {

    @Column(nullable = false)
    public String category;

    @Column(name = "station_id", nullable = false)
    public String station;

    protected Route() {}

    Route(String category, String station) {
        this.category = category;
        this.station = station;
    }
}
