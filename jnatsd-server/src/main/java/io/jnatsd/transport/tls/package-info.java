/**
 * TLS for client, route, gateway and leaf node connections, on Netty's {@code SslHandler} with the
 * JDK provider ({@link io.jnatsd.transport.tls.LeafTls}: INFO in clear, then TLS started by the
 * leaf, or {@code handshake_first}).
 *
 * <pre>
 *   TlsOptions ──▶ TlsContext (SslContext + Go names mapped: ciphers, curves, min_version, timeout)
 *                    │
 *        ┌───────────┴────────────┐
 *   ClientTls                  RouteTls
 *   INFO in clear, then TLS     TLS right after connect, both directions
 *   | allow_non_tls: sniff 0x16  acceptor = TLS server, solicitor = TLS client
 *   | handshake_first            failures logged, the connection closed (and re-dialed)
 *                              GatewayTls: the same, per remote cluster, client
 *                              certificates always required
 * </pre>
 *
 * Keys and certificates are read by {@link io.jnatsd.transport.tls.PemFiles} (PKCS#8, PKCS#1,
 * SEC1) without a third-party provider. {@link io.jnatsd.transport.tls.TlsPeer} gives the
 * client layer the peer certificate for {@code verify_and_map}. Netty types stay in this
 * package and the connection layers; the configuration only holds file names and flags.
 */
package io.jnatsd.transport.tls;
