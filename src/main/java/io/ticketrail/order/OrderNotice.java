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

/**
 * A change one screen has not acknowledged yet. Deleted when that screen acknowledges it: the log's
 * NOTICES_ACKNOWLEDGED event keeps who did and when.
 */
@Entity
@Table(name = "order_notice")
public class OrderNotice extends PanacheEntityBase {

    /** The view that acknowledges expo's notices; a station's is {@code station:<id>}, as in a screen's views. */
    public static final String EXPO = "expo";

    @Id
    public UUID id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "order_id")
    public KitchenOrder order;

    /** {@code station:<id>} or {@code expo}. */
    @Column(nullable = false)
    public String view;

    @Column(nullable = false)
    public int position;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public NoticeKind kind;

    @Column(name = "item_id")
    public UUID itemId;

    @Column(name = "item_name")
    public String itemName;

    public Integer qty;

    @Column(name = "previous_qty")
    public Integer previousQty;

    public String text;

    public Integer course;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** A station view's name, as a screen's views and the feed (FeedView.tag) spell it. */
    public static String stationView(String station) {
        return "station:" + station;
    }
}
