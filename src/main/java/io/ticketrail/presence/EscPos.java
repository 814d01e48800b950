package io.ticketrail.presence;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.ticketrail.log.EventType;
import io.ticketrail.order.ItemStatus;
import io.ticketrail.order.OrderView;

/**
 * One change as a kitchen ticket in ESC/POS, the command set of Epson TM printers and their clones: initialise,
 * a double-size header, plain text lines (ASCII: every printer has it, whatever code page it was set to), feed and
 * a partial cut.
 */
final class EscPos {

    private static final byte ESC = 0x1b;
    private static final byte GS = 0x1d;
    /** DLE EOT 1: the printer answers one status byte at once, whatever it is doing. */
    static final byte[] STATUS_REQUEST = {0x10, 0x04, 0x01};
    /** Bit 3 of that byte: the printer is offline (cover open, out of paper, error). */
    static final int STATUS_OFFLINE = 0x08;

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private EscPos() {}

    /** The lines of the ticket, without the commands (the test printer reads back exactly these). */
    static List<String> lines(Touch touch, String stationName, ZoneId zone) {
        OrderView order = touch.after();
        List<String> lines = new ArrayList<>();
        lines.add("#" + order.number() + " " + order.channel().name().replace('_', ' '));
        String guest = String.join(
                " / ",
                Stream.of(order.table() == null ? null : "Table " + order.table(), order.customerName())
                        .filter(s -> s != null && !s.isBlank())
                        .toList());
        if (!guest.isEmpty()) {
            lines.add(guest);
        }
        lines.add(stationName + " " + TIME.withZone(zone).format(touch.at()));
        Map<UUID, OrderView.ItemView> before = touch.before() == null
                ? Map.of()
                : touch.before().items().stream()
                        .collect(Collectors.toMap(OrderView.ItemView::id, Function.identity()));
        List<OrderView.ItemView> own = order.items().stream()
                .filter(i -> i.station().equals(touch.station()))
                .toList();
        List<OrderView.ItemView> shown;
        switch (touch.type()) {
            case ORDER_CANCELLED -> {
                lines.add("*** CANCELLED - DO NOT MAKE ***");
                shown = own.stream()
                        .filter(i -> before.containsKey(i.id())
                                ? before.get(i.id()).status().isPending()
                                : i.status() != ItemStatus.VOIDED)
                        .toList();
            }
            case ITEM_VOIDED -> {
                lines.add("*** VOID ***");
                shown = own.stream()
                        .filter(i -> i.status() == ItemStatus.VOIDED
                                && (!before.containsKey(i.id())
                                        || before.get(i.id()).status() != ItemStatus.VOIDED))
                        .toList();
            }
            case ITEMS_ADDED -> {
                lines.add("*** ADDED ***");
                shown = own.stream().filter(i -> !before.containsKey(i.id())).toList();
            }
            case COURSE_FIRED -> {
                lines.add("*** FIRE ***");
                shown = own.stream()
                        .filter(i -> before.containsKey(i.id())
                                && before.get(i.id()).status() == ItemStatus.HELD
                                && i.status() != ItemStatus.HELD)
                        .toList();
            }
            default ->
                shown = own.stream()
                        .filter(i -> i.status() != ItemStatus.VOIDED)
                        .toList();
        }
        boolean struck =
                Set.of(EventType.ORDER_CANCELLED, EventType.ITEM_VOIDED).contains(touch.type());
        int course = -1;
        for (OrderView.ItemView item : shown) {
            if (item.course() != course && shown.stream().anyMatch(i -> i.course() > 1)) {
                course = item.course();
                lines.add("-- Course " + course + (item.status() == ItemStatus.HELD ? " (hold)" : "") + " --");
            }
            lines.add((struck ? "VOID " : "") + item.qty() + "x " + item.name());
            item.modifiers().forEach(m -> lines.add("   + " + m));
            if (!item.allergens().isEmpty()) {
                lines.add("   ALLERGY: " + String.join(", ", item.allergens()).toUpperCase(Locale.ROOT));
            }
            if (item.notes() != null && !item.notes().isBlank()) {
                lines.add("   Note: " + item.notes());
            }
        }
        if (order.notes() != null && !order.notes().isBlank()) {
            lines.add("Order note: " + order.notes());
        }
        return lines.stream().map(EscPos::ascii).toList();
    }

    static byte[] ticket(List<String> lines) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {ESC, '@'});
        for (int i = 0; i < lines.size(); i++) {
            if (i == 0) {
                // double width and height for the order number, then back to normal
                out.writeBytes(new byte[] {GS, '!', 0x11});
            }
            out.writeBytes(lines.get(i).getBytes(StandardCharsets.US_ASCII));
            out.write('\n');
            if (i == 0) {
                out.writeBytes(new byte[] {GS, '!', 0x00});
            }
        }
        out.writeBytes(new byte[] {ESC, 'd', 4, GS, 'V', 66, 0});
        return out.toByteArray();
    }

    /** Accents dropped, anything else outside printable ASCII as '?': a printer prints it, whatever its code page. */
    static String ascii(String text) {
        String plain = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        StringBuilder out = new StringBuilder(plain.length());
        plain.codePoints().forEach(c -> out.append(c >= 0x20 && c < 0x7f ? (char) c : '?'));
        return out.toString();
    }
}
