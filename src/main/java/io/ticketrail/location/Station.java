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

    /** A raw-TCP ESC/POS printer, {@code host:port}, that prints this station's tickets when its screens do not. */
    @Column
    public String printer;

    /** Print every ticket of this station, not only while its alarm is up. */
    @Column(name = "always_print", nullable = false)
    public boolean alwaysPrint;

    protected Station() {}

    Station(String id, String name, StationKind kind, String printer, boolean alwaysPrint) {
        this.id = id;
        this.name = name;
        this.kind = kind;
        this.printer = printer;
        this.alwaysPrint = alwaysPrint;
    }
}
