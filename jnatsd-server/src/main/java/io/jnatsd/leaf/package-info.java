/**
 * Leaf nodes (LEAFNODES.md), built on the shared link layer ({@link io.jnatsd.link}): each
 * {@link io.jnatsd.leaf.LeafConnection} is a {@link io.jnatsd.link.LinkConnection} speaking the
 * leaf dialect ({@link io.jnatsd.protocol.leaf.LeafParser}), bound to one account on each side.
 *
 * <pre>
 *   hub role (accepted)                         spoke role (solicited, one per remote)
 *   INFO ──▶ CONNECT ◀── auth, bind account     wait INFO ──▶ CONNECT ──▶ INFO #2
 *   INFO #2 + LS+ burst ──▶                     ◀── LS+ burst of local interest
 *   offers: all interest of the account          offers: local clients and leafs it is the hub of
 *           except the leaf's own cluster's
 *   LMSG in: local, routes, gateways, leafs     LMSG in: local and own leafs, never routes
 * </pre>
 *
 * The peer's LS+ go into the account's subject index tagged with the connection and with the
 * peer's cluster as origin, so the message path ({@link io.jnatsd.dispatch.MessageRouter}) decides
 * leaf delivery, hop rules and queue preference in the same place as for routes. A hub passes a
 * leaf's interest to its routes as {@code LS+ <origin>} and its messages as {@code LMSG <origin>};
 * nothing of a leaf cluster is offered or sent back to a leaf connection of that cluster, so a leaf
 * cluster with one remote per server gets every message once. {@code LeafPermissions} applies a
 * remote's {@code deny_imports}/{@code deny_exports}, the spoke's {@code deny_pub} on the hub and
 * the leaf user's permissions (swapped on the hub, sent to the spoke as INFO {@code import} and
 * {@code export}). {@link io.jnatsd.leaf.LeafNodes} owns the listener, the remotes
 * ({@code LeafRemote}: learned URLs first, round-robin, 1 s reconnect, 30 s after a loop) and the
 * per-account {@code $LDS.} loop subject. Connection security is nats-server's: TLS after the
 * hub's clear INFO or before it ({@link io.jnatsd.transport.tls.LeafTls}), S2 as 2.10 negotiates
 * it (a skeleton INFO, {@link io.jnatsd.link.CompressionNegotiation}), and
 * {@code LeafCredentials} signing the hub's nonce with a creds file or seed. Monitoring reads the
 * connections through {@link io.jnatsd.leaf.LeafView} ({@code LeafNodes.views()}) and the traffic
 * of closed ones through {@link io.jnatsd.leaf.LeafTraffic}. Not yet here: {@code hub: true}
 * remotes.
 */
package io.jnatsd.leaf;
