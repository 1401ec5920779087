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

    /** Whether a client on the client port (type STANDARD) may connect. */
    static boolean allowsStandard(List<String> allowed) {
        if (allowed.isEmpty()) {
            return true;
        }
        return allowed.stream().filter(KNOWN::contains).anyMatch("STANDARD"::equals);
    }
}
