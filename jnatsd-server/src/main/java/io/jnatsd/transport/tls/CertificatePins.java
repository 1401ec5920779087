package io.jnatsd.transport.tls;

import io.netty.handler.ssl.SslHandler;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@code tls {}} block's {@code pinned_certs}: the hex SHA-256 of the DER SubjectPublicKeyInfo
 * of every certificate a peer may present, as nats-server pins them. Checked once the handshake is
 * done; a peer without a certificate, or with another key, is not pinned. No pins: every peer passes.
 */
public final class CertificatePins {
    private static final Logger LOG = LoggerFactory.getLogger(CertificatePins.class);
    public static final CertificatePins NONE = new CertificatePins(List.of());
    /** What every kind logs after "TLS ... handshake error: ". */
    public static final String NOT_PINNED = "certificate not pinned";

    /** Each set must hold the peer's key id. */
    private final List<Set<String>> required;

    private CertificatePins(List<Set<String>> required) {
        this.required = required;
    }

    /** The pins of a block; null (the block has none) lets every peer pass. */
    public static CertificatePins of(Set<String> keyIds) {
        return keyIds == null ? NONE : new CertificatePins(List.of(Set.copyOf(keyIds)));
    }

    /** Pinned by both: a leaf remote's own block and the {@code leafnodes {}} block's. */
    public CertificatePins and(CertificatePins other) {
        List<Set<String>> both = new ArrayList<>(required);
        both.addAll(other.required);
        return new CertificatePins(List.copyOf(both));
    }

    /** Whether there is nothing to check. */
    public boolean none() {
        return required.isEmpty();
    }

    /** The same for a connection's channel: one without TLS, or before its handshake is done, is not pinned. */
    public boolean matches(io.netty.channel.Channel channel) {
        SslHandler tls = channel == null ? null : channel.pipeline().get(SslHandler.class);
        return tls != null && tls.handshakeFuture().isSuccess() && matches(tls);
    }

    /** Whether the peer of a finished handshake presented a pinned key. */
    public boolean matches(SslHandler handler) {
        if (required.isEmpty()) {
            return true;
        }
        Certificate[] chain;
        try {
            chain = handler.engine().getSession().getPeerCertificates();
        } catch (SSLPeerUnverifiedException noCertificate) {
            LOG.debug("Failed pinned cert test as client did not provide a certificate");
            return false;
        }
        if (chain.length == 0) {
            return false;
        }
        String keyId = keyId(chain[0]);
        if (!required.stream().allMatch(keyIds -> keyIds.contains(keyId))) {
            LOG.debug("Failed pinned cert test for key id: {}", keyId);
            return false;
        }
        return true;
    }

    /** The key id nats-server pins: hex SHA-256 of the certificate's DER SubjectPublicKeyInfo. */
    static String keyId(Certificate certificate) {
        try {
            byte[] spki = certificate.getPublicKey().getEncoded();
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(spki));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
