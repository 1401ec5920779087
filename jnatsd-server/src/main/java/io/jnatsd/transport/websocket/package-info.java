/**
 * WebSocket transport for clients (the {@code websocket {}} block), as nats-server 2.10 has it.
 *
 * <pre>
 *  accept ─▶ [TLS] ─▶ HTTP request decoder ─▶ UpgradeHandler ──(101)──▶ [TLS] ─▶ WebsocketCodec ─▶ client
 *                     (Netty codec-http)      checks, origin,            frames ⇄ NATS protocol bytes,
 *                                             Go's error replies         ping/pong/close, deflate
 * </pre>
 *
 * {@link io.jnatsd.transport.websocket.WebsocketListener} binds the port and builds the first
 * pipeline; on a successful upgrade the decoder and the upgrade handler leave, and the
 * {@link io.jnatsd.transport.websocket.UpgradeTarget} (the server) supplies the client handler that
 * goes behind the codec. Nothing here knows what a client is; the server layer makes the upgraded
 * connection an ordinary client connection.
 */
package io.jnatsd.transport.websocket;
