/**
 * The system account ({@code $SYS}, or the configured {@code system_account}) as seen from inside
 * a server: an internal client that answers nats-server's server requests and publishes its
 * connection advisories (MONITORING.md §9; nats-server's events).
 *
 * <pre>
 *  client in $SYS ─PUB $SYS.REQ.SERVER.PING.VARZ─▶ local index ─▶ SystemClient (copy, queue) ─┐
 *                                     └─▶ routes (pinned $SYS) ─▶ each peer's SystemClient     │
 *  jnatsd-sys thread ◀────────────────────────────────────────────────────────────────────────┘
 *     ServerRequests: filter, MonitorDocuments (the same JSON as HTTP) ─▶ {"server":…,"data":…}
 *     ConnectionAdvisories ◀─ NatsServer connection events ─▶ $SYS.ACCOUNT.&lt;acc&gt;.CONNECT/DISCONNECT
 *     ResolverRequests (full resolver): $SYS.REQ.CLAIMS.* and $SYS.REQ.ACCOUNT.&lt;id&gt;.CLAIMS.* ─▶
 *       AccountJwtDirectory (&lt;dir&gt;/&lt;id&gt;.jwt) ─▶ NatsServer.accountClaimsUpdated (re-checks clients)
 * </pre>
 *
 * The internal subscriptions are announced to routes like a client's, which is what makes a
 * single request reach every server of the cluster.
 */
package io.jnatsd.sys;
