package io.jnatsd.tests.interop;

/** {@link LeafWebsocketInteropTest} against nats-server 2.9 (no S2 on leaf connections); skipped without {@code NATS_SERVER_29}. */
class LeafWebsocketInterop29Test extends LeafWebsocketInteropTest {
    @Override
    String goVersion() {
        return "NATS_SERVER_29";
    }
}
