package io.ticketrail.order;

import java.time.Instant;
import java.util.UUID;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One line of a ticket, routed to one station. */
@Entity
@Table(name = "order_item")
public class OrderItem extends PanacheEntityBase {

    @Id
    public UUID id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "order_id")
    public KitchenOrder order;

    @Column(nullable = false)
    public int position;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false)
    public int qty;

    public String category;

    @Column(name = "station_id", nullable = false)
    public String station;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ItemStatus status;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false)
    public String[] modifiers;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false)
    public String[] allergens;

    public String notes;

    @Column(nullable = false)
    public int course;

    /** Added or voided after the ticket was first shown; cleared once a cook starts or bumps it. */
    @Column(nullable = false)
    public boolean changed;

    @Column(name = "void_reason")
    public String voidReason;

    /** When the item was sent to the kitchen (placed into a fired course or its course fired); null while held. */
    @Column(name = "fired_at")
    public Instant firedAt;

    @Column(name = "started_at")
    public Instant startedAt;

    @Column(name = "done_at")
    public Instant doneAt;

    @Column(name = "voided_at")
    public Instant voidedAt;

    void start(Instant now) {
        if (status != ItemStatus.QUEUED) {
            throw IllegalTransitionException.item(this, "start");
        }
        status = ItemStatus.IN_PROGRESS;
        startedAt = now;
        changed = false;
    }

    void bump(Instant now) {
        if (status != ItemStatus.QUEUED && status != ItemStatus.IN_PROGRESS) {
            throw IllegalTransitionException.item(this, "bump");
        }
        status = ItemStatus.DONE;
        doneAt = now;
        changed = false;
    }

    void voidIt(String reason, Instant now) {
        if (status == ItemStatus.VOIDED) {
            throw IllegalTransitionException.item(this, "void");
        }
        status = ItemStatus.VOIDED;
        voidReason = reason;
        voidedAt = now;
        changed = true;
    }

    void fire(Instant now) {
        status = ItemStatus.QUEUED;
        firedAt = now;
    }

    /** Undoes a bump: back to cooking if it had been started, else back in the queue. */
    void recall() {
        status = startedAt != null ? ItemStatus.IN_PROGRESS : ItemStatus.QUEUED;
        doneAt = null;
    }
}
