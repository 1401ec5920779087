package io.jnatsd.tests.interop;

/** {@link LeafNodeInteropTest} against nats-server 2.9 in both roles; skipped without {@code NATS_SERVER_29}. */
class LeafNodeInterop29Test extends LeafNodeInteropTest {
    @Override
    String goVersion() {
        return "NATS_SERVER_29";
    }
}
