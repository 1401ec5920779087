package io.jnatsd.tests.interop;

/**
 * {@link LeafNodeInteropTest} with both leafs dialing the hubs' websocket listeners with the
 * defaults (masked frames, no permessage-deflate, S2 under the frames as nats-server negotiates
 * it): a jnatsd leaf over {@code ws://} to nats-server 2.10.27 and a nats-server leaf over
 * {@code ws://} to jnatsd.
 */
class LeafWebsocketInteropTest extends LeafNodeInteropTest {
    @Override
    boolean websocket() {
        return true;
    }
}
