package io.ticketrail.access;

import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What an integration key may do, chosen when it is created (issue 16). A POS key has no scopes: it keeps
 * {@link Action#POS_KEY}. Every key reads its own location.
 */
public enum KeyScope {
    /** Place and change orders, as a POS or an online-ordering system does; no cooking, no reading the kitchen. */
    ORDER_ENTRY(EnumSet.of(
            Action.PLACE, Action.UPDATE, Action.ADD_ITEMS, Action.VOID_ITEM, Action.FIRE_COURSE, Action.CANCEL)),
    /** Read the open and past orders, the alarms and which stations have a live screen. */
    READ_ORDERS(EnumSet.of(Action.READ_ORDERS)),
    /** Follow the location's event log (GET .../events): what a delivery platform or a dashboard follows. */
    READ_EVENTS(EnumSet.of(Action.READ_EVENTS)),
    /** Register, list, resume and delete its own webhook endpoints at the location; managers see every one. */
    RECEIVE_WEBHOOKS(EnumSet.of(Action.MANAGE_WEBHOOKS));

    private final Set<Action> actions;

    KeyScope(Set<Action> actions) {
        this.actions = actions;
    }

    /** {@code order-entry}, as in the API and the access page's form. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static Optional<KeyScope> fromWire(String name) {
        return Arrays.stream(values()).filter(s -> s.wireName().equals(name)).findFirst();
    }

    static String known() {
        return String.join(", ", Arrays.stream(values()).map(KeyScope::wireName).toList());
    }

    /** The actions of a key with these scopes; null scopes are a POS key's. */
    static Set<Action> actions(Collection<KeyScope> scopes) {
        if (scopes == null) {
            return EnumSet.copyOf(Action.POS_KEY);
        }
        Set<Action> actions = EnumSet.of(Action.READ_LOCATION);
        scopes.forEach(scope -> actions.addAll(scope.actions));
        return actions;
    }
}
