package io.jnatsd.tests.interop;

/**
 * {@link LeafClusterInteropTest} with nats-server 2.9 as the Go hub and leaf: its routes have no
 * pools and no {@code lnocu} (LS- without origin); skipped without {@code NATS_SERVER_29}.
 */
class LeafClusterInterop29Test extends LeafClusterInteropTest {
    @Override
    String goVersion() {
        return "NATS_SERVER_29";
    }
}
