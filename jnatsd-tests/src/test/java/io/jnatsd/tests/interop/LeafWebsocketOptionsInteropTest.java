package io.jnatsd.tests.interop;

/**
 * {@link LeafWebsocketInteropTest} with the remotes asking for permessage-deflate
 * ({@code ws_compression}) and unmasked frames ({@code ws_no_masking}), both granted by either hub.
 */
class LeafWebsocketOptionsInteropTest extends LeafNodeInteropTest {
    @Override
    boolean websocket() {
        return true;
    }

    @Override
    String websocketRemoteOptions() {
        return "ws_compression: true, ws_no_masking: true";
    }
}
