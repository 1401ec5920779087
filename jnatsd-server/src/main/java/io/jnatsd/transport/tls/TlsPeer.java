package io.jnatsd.transport.tls;

import io.netty.channel.Channel;
import io.netty.handler.ssl.SslHandler;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLPeerUnverifiedException;

/** What the TLS layer of a connection knows about the peer. */
public final class TlsPeer {
    private TlsPeer() {
    }

    /** The peer's own (leaf) certificate once the handshake is done; null without TLS or without one. */
    public static X509Certificate certificate(Channel channel) {
        SslHandler tls = channel == null ? null : channel.pipeline().get(SslHandler.class);
        if (tls == null || !tls.handshakeFuture().isSuccess()) {
            return null;
        }
        try {
            Certificate[] chain = tls.engine().getSession().getPeerCertificates();
            return chain.length > 0 && chain[0] instanceof X509Certificate leaf ? leaf : null;
        } catch (SSLPeerUnverifiedException noCertificate) {
            return null;
        }
    }

    /** The TLS version in Go's words ({@code 1.3}) once the handshake is done; null without TLS. */
    public static String version(Channel channel) {
        SslHandler tls = completed(channel);
        return tls == null ? null : goVersion(tls.engine().getSession().getProtocol());
    }

    /** The cipher suite's standard name (the same in Go and the JDK) once the handshake is done; null without TLS. */
    public static String cipherSuite(Channel channel) {
        SslHandler tls = completed(channel);
        return tls == null ? null : tls.engine().getSession().getCipherSuite();
    }

    /** {@code TLSv1.3} as Go prints it: {@code 1.3}. */
    static String goVersion(String jdkProtocol) {
        return jdkProtocol.startsWith("TLSv") ? jdkProtocol.substring(4) : jdkProtocol;
    }

    private static SslHandler completed(Channel channel) {
        SslHandler tls = channel == null ? null : channel.pipeline().get(SslHandler.class);
        return tls != null && tls.handshakeFuture().isSuccess() ? tls : null;
    }
}
