package io.jnatsd.auth;

import io.jnatsd.protocol.ConnectOptions;
import java.net.InetAddress;
import java.security.cert.X509Certificate;

/**
 * What a client offers to prove who it is: its CONNECT, its TLS certificate (null without one),
 * the nonce the server sent it in INFO (null when none was sent), its address, and its connection
 * type ({@code STANDARD}, or {@code LEAFNODE} for a leaf node authenticating like a client), which
 * users and JWTs may restrict with {@code allowed_connection_types}.
 */
public record ConnectAttempt(ConnectOptions connect, X509Certificate certificate, String nonce, InetAddress address,
                             String connectionType) {
    public static final String STANDARD = "STANDARD";
    public static final String LEAFNODE = "LEAFNODE";

    public ConnectAttempt(ConnectOptions connect, X509Certificate certificate, String nonce, InetAddress address) {
        this(connect, certificate, nonce, address, STANDARD);
    }

    public static ConnectAttempt of(ConnectOptions connect, X509Certificate certificate) {
        return new ConnectAttempt(connect, certificate, null, null);
    }

    /** A leaf node's CONNECT on the leafnode port, checked as nats-server checks leafs without leaf users. */
    public static ConnectAttempt leaf(ConnectOptions connect, String nonce, InetAddress address) {
        return new ConnectAttempt(connect, null, nonce, address, LEAFNODE);
    }
}
