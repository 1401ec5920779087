package io.jnatsd.auth;

import java.util.List;
import java.util.Set;

/**
 * A JWT's {@code allowed_connection_types} as nats-server reads them: unknown types are dropped;
 * an empty list allows every type, but a list of only unknown types allows none.
 */
final class ConnectionTypes {
    private static final Set<String> KNOWN =
            Set.of("STANDARD", "WEBSOCKET", "LEAFNODE", "LEAFNODE_WS", "MQTT", "MQTT_WS", "IN_PROCESS");

    private ConnectionTypes() {
    }

    /** Whether a connection of {@code type} (STANDARD on the client port, LEAFNODE on the leafnode port) may connect. */
    static boolean allows(List<String> allowed, String type) {
        if (allowed.isEmpty()) {
            return true;
        }
        return allowed.stream().filter(KNOWN::contains).anyMatch(type::equals);
    }
}
