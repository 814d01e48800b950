package io.ticketrail.feed;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ticketrail.order.OrderJson;
import io.ticketrail.web.JsonFields;

import static io.ticketrail.order.OrderJson.ALLERGENS;
import static io.ticketrail.order.OrderJson.CHANGED;
import static io.ticketrail.order.OrderJson.CHANNEL;
import static io.ticketrail.order.OrderJson.COMPLETED_AT;
import static io.ticketrail.order.OrderJson.COURSE;
import static io.ticketrail.order.OrderJson.CUSTOMER_NAME;
import static io.ticketrail.order.OrderJson.EXTERNAL_ID;
import static io.ticketrail.order.OrderJson.FIRED_AT;
import static io.ticketrail.order.OrderJson.GUESTS;
import static io.ticketrail.order.OrderJson.ID;
import static io.ticketrail.order.OrderJson.ITEMS;
import static io.ticketrail.order.OrderJson.MODIFIERS;
import static io.ticketrail.order.OrderJson.NAME;
import static io.ticketrail.order.OrderJson.NOTES;
import static io.ticketrail.order.OrderJson.NOTICES;
import static io.ticketrail.order.OrderJson.NUMBER;
import static io.ticketrail.order.OrderJson.PLACED_AT;
import static io.ticketrail.order.OrderJson.PRIORITY;
import static io.ticketrail.order.OrderJson.PROMISED_AT;
import static io.ticketrail.order.OrderJson.QTY;
import static io.ticketrail.order.OrderJson.READY_AT;
import static io.ticketrail.order.OrderJson.SERVER_NAME;
import static io.ticketrail.order.OrderJson.STATION;
import static io.ticketrail.order.OrderJson.STATUS;
import static io.ticketrail.order.OrderJson.TABLE;
import static io.ticketrail.order.OrderJson.VERSION;
import static io.ticketrail.order.OrderJson.VOID_REASON;
import static io.ticketrail.web.JsonFields.name;

/**
 * Diffs and snapshots written field by field: the bytes the application's ObjectMapper writes for them (FeedJsonTest
 * compares the two over random messages), without databind's per-call machinery; every command sends a diff to
 * each view. The rarer messages (ping, status, error) still go through the mapper. A component added to these
 * records must be added here, in its place; the test fails until it is.
 */
final class FeedJson {

    private static final SerializableString TYPE = name("type");
    private static final SerializableString EPOCH = name("epoch");
    private static final SerializableString FROM = name("from");
    private static final SerializableString TO = name("to");
    private static final SerializableString SERVER_TIME = name("serverTime");
    private static final SerializableString CHANGES = name("changes");
    private static final SerializableString SEQ = name("seq");
    private static final SerializableString ORDERS = name("orders");
    private static final SerializableString OP = name("op");
    private static final SerializableString ORDER_ID = name("orderId");
    private static final SerializableString OTHER_ITEMS = name("otherItems");
    private static final SerializableString STATIONS = name("stations");
    private static final SerializableString TOTAL = name("total");
    private static final SerializableString DONE = name("done");
    private static final SerializableString ORDER = name("order");

    private FeedJson() {}

    /** The message as UTF-8 JSON: its {@code type} first, as {@link FeedMessage} declares. */
    static byte[] encode(ObjectMapper json, FeedMessage message) throws IOException {
        if (message instanceof FeedMessage.Diff diff) {
            return JsonFields.bytes(json, generator -> writeDiff(generator, diff));
        }
        if (message instanceof FeedMessage.Snapshot snapshot) {
            return JsonFields.bytes(json, generator -> writeSnapshot(generator, snapshot));
        }
        return json.writeValueAsBytes(message);
    }

    private static void writeDiff(JsonGenerator generator, FeedMessage.Diff diff) throws IOException {
        generator.writeStartObject();
        JsonFields.write(generator, TYPE, "diff");
        JsonFields.write(generator, EPOCH, diff.epoch());
        JsonFields.write(generator, FROM, diff.from());
        JsonFields.write(generator, TO, diff.to());
        JsonFields.write(generator, SERVER_TIME, diff.serverTime());
        JsonFields.writeList(generator, CHANGES, diff.changes(), FeedJson::writeChange);
        generator.writeEndObject();
    }

    private static void writeSnapshot(JsonGenerator generator, FeedMessage.Snapshot snapshot) throws IOException {
        generator.writeStartObject();
        JsonFields.write(generator, TYPE, "snapshot");
        JsonFields.write(generator, EPOCH, snapshot.epoch());
        JsonFields.write(generator, SEQ, snapshot.seq());
        JsonFields.write(generator, SERVER_TIME, snapshot.serverTime());
        JsonFields.writeList(generator, ORDERS, snapshot.orders(), FeedJson::writeOrder);
        generator.writeEndObject();
    }

    private static void writeChange(JsonGenerator generator, FeedMessage.Change change) throws IOException {
        generator.writeStartObject();
        JsonFields.writeIfSet(generator, OP, change.op());
        JsonFields.writeIfSet(generator, ORDER, change.order(), FeedJson::writeOrder);
        JsonFields.writeIfSet(generator, ORDER_ID, change.orderId());
        JsonFields.writeIfSet(generator, VERSION, change.version());
        generator.writeEndObject();
    }

    private static void writeOrder(JsonGenerator generator, ScreenOrder order) throws IOException {
        generator.writeStartObject();
        JsonFields.writeIfSet(generator, ID, order.id());
        JsonFields.writeIfSet(generator, EXTERNAL_ID, order.externalId());
        JsonFields.write(generator, NUMBER, order.number());
        JsonFields.writeIfSet(generator, CHANNEL, order.channel());
        JsonFields.writeIfSet(generator, TABLE, order.table());
        JsonFields.writeIfSet(generator, CUSTOMER_NAME, order.customerName());
        JsonFields.writeIfSet(generator, SERVER_NAME, order.serverName());
        JsonFields.writeIfSet(generator, GUESTS, order.guests());
        JsonFields.writeIfSet(generator, PRIORITY, order.priority());
        JsonFields.writeIfSet(generator, STATUS, order.status());
        JsonFields.writeIfSet(generator, PLACED_AT, order.placedAt());
        JsonFields.writeIfSet(generator, FIRED_AT, order.firedAt());
        JsonFields.writeIfSet(generator, PROMISED_AT, order.promisedAt());
        JsonFields.writeIfSet(generator, READY_AT, order.readyAt());
        JsonFields.writeIfSet(generator, COMPLETED_AT, order.completedAt());
        JsonFields.write(generator, VERSION, order.version());
        JsonFields.writeIfSet(generator, NOTES, order.notes());
        JsonFields.writeListIfSet(generator, ITEMS, order.items(), FeedJson::writeItem);
        JsonFields.writeIfSet(generator, OTHER_ITEMS, order.otherItems());
        JsonFields.writeListIfSet(generator, STATIONS, order.stations(), FeedJson::writeProgress);
        JsonFields.writeListIfSet(generator, NOTICES, order.notices(), OrderJson::writeNotice);
        generator.writeEndObject();
    }

    private static void writeItem(JsonGenerator generator, ScreenOrder.Item item) throws IOException {
        generator.writeStartObject();
        JsonFields.writeIfSet(generator, ID, item.id());
        JsonFields.writeIfSet(generator, NAME, item.name());
        JsonFields.write(generator, QTY, item.qty());
        JsonFields.writeIfSet(generator, MODIFIERS, item.modifiers());
        JsonFields.writeIfSet(generator, NOTES, item.notes());
        JsonFields.writeIfSet(generator, ALLERGENS, item.allergens());
        JsonFields.write(generator, COURSE, item.course());
        JsonFields.writeIfSet(generator, STATION, item.station());
        JsonFields.writeIfSet(generator, STATUS, item.status());
        JsonFields.write(generator, CHANGED, item.changed());
        JsonFields.writeIfSet(generator, VOID_REASON, item.voidReason());
        JsonFields.writeIfSet(generator, FIRED_AT, item.firedAt());
        generator.writeEndObject();
    }

    private static void writeProgress(JsonGenerator generator, ScreenOrder.StationProgress progress)
            throws IOException {
        generator.writeStartObject();
        JsonFields.write(generator, STATION, progress.station());
        JsonFields.write(generator, TOTAL, progress.total());
        JsonFields.write(generator, DONE, progress.done());
        generator.writeEndObject();
    }
}
