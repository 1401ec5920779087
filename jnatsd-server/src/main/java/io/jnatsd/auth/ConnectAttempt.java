package io.jnatsd.auth;

import io.jnatsd.protocol.ConnectOptions;
import java.net.InetAddress;
import java.security.cert.X509Certificate;

/**
 * What a client offers to prove who it is: its CONNECT, its TLS certificate (null without one),
 * the nonce the server sent it in INFO (null when none was sent) and its address.
 */
public record ConnectAttempt(ConnectOptions connect, X509Certificate certificate, String nonce, InetAddress address) {
    public static ConnectAttempt of(ConnectOptions connect, X509Certificate certificate) {
        return new ConnectAttempt(connect, certificate, null, null);
    }
}
