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
}
