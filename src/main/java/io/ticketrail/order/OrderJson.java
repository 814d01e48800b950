package io.ticketrail.order;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ticketrail.order.OrderView.ItemView;
import io.ticketrail.order.OrderView.NoticeView;
import io.ticketrail.web.JsonFields;

import static io.ticketrail.web.JsonFields.name;

/**
 * {@link OrderView} written field by field: the bytes the application's ObjectMapper writes for it (OrderJsonTest
 * compares the two over random views), at a fraction of databind's cost. A command encodes its view once, for the
 * event, the answer and an Idempotency-Key's record. A component added to the records must be added here, in its
 * place; the test fails until it is.
 */
public final class OrderJson {

    // field names, shared with the screens' projections (FeedJson)
    public static final SerializableString ID = name("id");
    public static final SerializableString LOCATION_ID = name("locationId");
    public static final SerializableString EXTERNAL_ID = name("externalId");
    public static final SerializableString NUMBER = name("number");
    public static final SerializableString CHANNEL = name("channel");
    public static final SerializableString TABLE = name("table");
    public static final SerializableString CUSTOMER_NAME = name("customerName");
    public static final SerializableString SERVER_NAME = name("serverName");
    public static final SerializableString GUESTS = name("guests");
    public static final SerializableString PRIORITY = name("priority");
    public static final SerializableString STATUS = name("status");
    public static final SerializableString VERSION = name("version");
    public static final SerializableString PLACED_AT = name("placedAt");
    public static final SerializableString PROMISED_AT = name("promisedAt");
    public static final SerializableString READY_AT = name("readyAt");
    public static final SerializableString COMPLETED_AT = name("completedAt");
    public static final SerializableString CANCELLED_AT = name("cancelledAt");
    public static final SerializableString CANCEL_REASON = name("cancelReason");
    public static final SerializableString UPDATED_AT = name("updatedAt");
    public static final SerializableString NOTES = name("notes");
    public static final SerializableString ITEMS = name("items");
    public static final SerializableString NOTICES = name("notices");
    public static final SerializableString NAME = name("name");
    public static final SerializableString QTY = name("qty");
    public static final SerializableString CATEGORY = name("category");
    public static final SerializableString STATION = name("station");
    public static final SerializableString MODIFIERS = name("modifiers");
    public static final SerializableString ALLERGENS = name("allergens");
    public static final SerializableString COURSE = name("course");
    public static final SerializableString CHANGED = name("changed");
    public static final SerializableString VOID_REASON = name("voidReason");
    public static final SerializableString FIRED_AT = name("firedAt");
    public static final SerializableString STARTED_AT = name("startedAt");
    public static final SerializableString DONE_AT = name("doneAt");
    public static final SerializableString VIEW = name("view");
    public static final SerializableString KIND = name("kind");
    public static final SerializableString ITEM_ID = name("itemId");
    public static final SerializableString ITEM_NAME = name("itemName");
    public static final SerializableString PREVIOUS_QTY = name("previousQty");
    public static final SerializableString TEXT = name("text");
    public static final SerializableString AT = name("at");

    private OrderJson() {}

    /** The view as UTF-8 JSON. */
    public static byte[] encode(ObjectMapper json, OrderView order) {
        return JsonFields.bytes(json, generator -> write(generator, order));
    }

    static void write(JsonGenerator generator, OrderView order) throws IOException {
        generator.writeStartObject();
        JsonFields.write(generator, ID, order.id());
        JsonFields.write(generator, LOCATION_ID, order.locationId());
        JsonFields.write(generator, EXTERNAL_ID, order.externalId());
        JsonFields.write(generator, NUMBER, order.number());
        JsonFields.write(generator, CHANNEL, order.channel());
        JsonFields.write(generator, TABLE, order.table());
        JsonFields.write(generator, CUSTOMER_NAME, order.customerName());
        JsonFields.write(generator, SERVER_NAME, order.serverName());
        JsonFields.write(generator, GUESTS, order.guests());
        JsonFields.write(generator, PRIORITY, order.priority());
        JsonFields.write(generator, STATUS, order.status());
        JsonFields.write(generator, VERSION, order.version());
        JsonFields.write(generator, PLACED_AT, order.placedAt());
        JsonFields.write(generator, PROMISED_AT, order.promisedAt());
        JsonFields.write(generator, READY_AT, order.readyAt());
        JsonFields.write(generator, COMPLETED_AT, order.completedAt());
        JsonFields.write(generator, CANCELLED_AT, order.cancelledAt());
        JsonFields.write(generator, CANCEL_REASON, order.cancelReason());
        JsonFields.write(generator, UPDATED_AT, order.updatedAt());
        JsonFields.write(generator, NOTES, order.notes());
        JsonFields.writeList(generator, ITEMS, order.items(), OrderJson::writeItem);
        JsonFields.writeList(generator, NOTICES, order.notices(), OrderJson::writeNotice);
        generator.writeEndObject();
    }

    private static void writeItem(JsonGenerator generator, ItemView item) throws IOException {
        generator.writeStartObject();
        JsonFields.write(generator, ID, item.id());
        JsonFields.write(generator, NAME, item.name());
        JsonFields.write(generator, QTY, item.qty());
        JsonFields.write(generator, CATEGORY, item.category());
        JsonFields.write(generator, STATION, item.station());
        JsonFields.write(generator, STATUS, item.status());
        JsonFields.write(generator, MODIFIERS, item.modifiers());
        JsonFields.write(generator, ALLERGENS, item.allergens());
        JsonFields.write(generator, NOTES, item.notes());
        JsonFields.write(generator, COURSE, item.course());
        JsonFields.write(generator, CHANGED, item.changed());
        JsonFields.write(generator, VOID_REASON, item.voidReason());
        JsonFields.write(generator, FIRED_AT, item.firedAt());
        JsonFields.write(generator, STARTED_AT, item.startedAt());
        JsonFields.write(generator, DONE_AT, item.doneAt());
        generator.writeEndObject();
    }

    /** A notice ({@code NON_NULL}); screens' projections carry them as they are. */
    public static void writeNotice(JsonGenerator generator, NoticeView notice) throws IOException {
        generator.writeStartObject();
        JsonFields.writeIfSet(generator, ID, notice.id());
        JsonFields.writeIfSet(generator, VIEW, notice.view());
        JsonFields.writeIfSet(generator, KIND, notice.kind());
        JsonFields.writeIfSet(generator, ITEM_ID, notice.itemId());
        JsonFields.writeIfSet(generator, ITEM_NAME, notice.itemName());
        JsonFields.writeIfSet(generator, QTY, notice.qty());
        JsonFields.writeIfSet(generator, PREVIOUS_QTY, notice.previousQty());
        JsonFields.writeIfSet(generator, TEXT, notice.text());
        JsonFields.writeIfSet(generator, COURSE, notice.course());
        JsonFields.writeIfSet(generator, AT, notice.at());
        generator.writeEndObject();
    }
}
