package io.ticketrail.location;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;

@Embeddable
public class Station {

    @Column(name = "id", nullable = false)
    public String id;

    @Column(nullable = false)
    public String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public StationKind kind;

    protected Station() {
    }

    Station(String id, String name, StationKind kind) {
        this.id = id;
        this.name = name;
        this.kind = kind;
    }
}
