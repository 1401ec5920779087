/**
 * What routes, gateways and leaf nodes share (DESIGN.md "Server-to-server links"): the connection
 * skeleton ({@link io.jnatsd.link.LinkConnection}: parse loop, outbound buffer, auth timer,
 * close reasons), keep-alive ({@link io.jnatsd.link.LinkKeepAlive}), dialing with nats-server's
 * timing and URL rotation ({@link io.jnatsd.link.LinkDialer}, {@link io.jnatsd.link.DialRounds})
 * and per-link remote interest ({@link io.jnatsd.link.RemoteInterest}). Each kind keeps its
 * dialect and policy in its own package; gateways and leaf nodes are built on this package, routes
 * still carry their own copy of these parts and move onto it next.
 */
package io.jnatsd.link;
