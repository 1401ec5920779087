package io.jnatsd.transport.tls;

import io.jnatsd.config.TlsOptions;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one {@code tls {}} block becomes: a Netty {@link SslContext} on the JDK provider (no
 * native library) for one side of a connection, and the handlers made from it.
 *
 * <p>Server side: our certificate; client certificates required and checked against
 * {@code ca_file} (or the JDK's trust store) when {@code verify}. Client side (routes we dial):
 * our certificate for peers that verify, the peer's certificate checked against
 * {@code ca_file} and the dialed host unless {@code insecure}. Both: {@code cipher_suites},
 * {@code min_version} and {@code curve_preferences} with Go's names, and {@code timeout} as the
 * handshake deadline.
 */
public final class TlsContext {
    private static final Logger LOG = LoggerFactory.getLogger(TlsContext.class);
    private static final Method SET_NAMED_GROUPS = namedGroupsSetter();

    private final SslContext context;
    private final String[] namedGroups;
    private final long handshakeTimeoutMillis;
    private final CertificatePins pins;

    private TlsContext(SslContext context, List<String> namedGroups, TlsOptions tls) {
        this.pins = CertificatePins.of(tls.pinnedCerts());
        this.context = context;
        this.namedGroups = namedGroups.toArray(String[]::new);
        this.handshakeTimeoutMillis = (tls.timeout() == null ? TlsOptions.DEFAULT_TIMEOUT : tls.timeout()).toMillis();
    }

    /** The TLS server side of a listener (clients or routes). */
    public static TlsContext server(TlsOptions tls) {
        if (tls.certFile() == null) {
            throw new TlsSetupException("missing 'cert_file' in TLS configuration");
        }
        SslContextBuilder builder = SslContextBuilder.forServer(privateKey(tls), certificateChain(tls))
                .clientAuth(tls.verify() ? ClientAuth.REQUIRE : ClientAuth.NONE);
        if (tls.caFile() != null) {
            builder.trustManager(caCertificates(tls));
        }
        return build(builder, tls);
    }

    /** The TLS client side, for routes this server dials. */
    public static TlsContext client(TlsOptions tls) {
        return client(tls, "routes");
    }

    /** The TLS client side, for connections of {@code kind} (plural, as the warning names them) this server dials. */
    public static TlsContext client(TlsOptions tls, String kind) {
        SslContextBuilder builder = SslContextBuilder.forClient();
        if (tls.certFile() != null) {
            builder.keyManager(privateKey(tls), certificateChain(tls));
        }
        if (tls.insecure()) {
            LOG.warn("TLS certificate chain and hostname of solicited {} will not be verified. DO NOT USE IN PRODUCTION!",
                    kind);
            builder.trustManager(InsecureTrustManagerFactory.INSTANCE).endpointIdentificationAlgorithm(null);
        } else {
            builder.endpointIdentificationAlgorithm("HTTPS");
            if (tls.caFile() != null) {
                builder.trustManager(caCertificates(tls));
            }
        }
        return build(builder, tls);
    }

    private static TlsContext build(SslContextBuilder builder, TlsOptions tls) {
        builder.sslProvider(SslProvider.JDK).protocols(TlsNames.protocols(tls.minVersion()));
        if (!tls.cipherSuites().isEmpty()) {
            builder.ciphers(TlsNames.cipherSuites(tls.cipherSuites(), supportedCipherSuites()));
        }
        List<String> groups = TlsNames.namedGroups(tls.curvePreferences());
        if (!groups.isEmpty() && SET_NAMED_GROUPS == null) {
            LOG.warn("curve_preferences {} cannot be applied on Java {} (needs 20+); the JVM's jdk.tls.namedGroups "
                    + "decide the key exchange groups", tls.curvePreferences(), Runtime.version().feature());
        }
        try {
            return new TlsContext(builder.build(), SET_NAMED_GROUPS == null ? List.of() : groups, tls);
        } catch (IOException | IllegalArgumentException e) {
            throw new TlsSetupException("error setting up TLS: " + e.getMessage(), e);
        }
    }

    /** A handler for an accepted connection; {@code startTls}: the first write still goes out in clear. */
    public SslHandler newServerHandler(ByteBufAllocator allocator, boolean startTls) {
        return configure(new SslHandler(applyNamedGroups(context.newEngine(allocator)), startTls));
    }

    /** A handler for a connection we dialed to {@code host:port} (the name its certificate must carry). */
    public SslHandler newClientHandler(ByteBufAllocator allocator, String host, int port) {
        return configure(new SslHandler(applyNamedGroups(context.newEngine(allocator, host, port))));
    }

    /** The block's {@code pinned_certs}; {@link CertificatePins#NONE} without them. */
    public CertificatePins pins() {
        return pins;
    }

    long handshakeTimeoutMillis() {
        return handshakeTimeoutMillis;
    }

    private SslHandler configure(SslHandler handler) {
        handler.setHandshakeTimeoutMillis(handshakeTimeoutMillis);
        return handler;
    }

    private SSLEngine applyNamedGroups(SSLEngine engine) {
        if (namedGroups.length > 0) {
            SSLParameters parameters = engine.getSSLParameters();
            try {
                SET_NAMED_GROUPS.invoke(parameters, (Object) namedGroups);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
            engine.setSSLParameters(parameters);
        }
        return engine;
    }

    /** {@code SSLParameters.setNamedGroups} exists from Java 20 on; this build targets 17. */
    private static Method namedGroupsSetter() {
        try {
            return SSLParameters.class.getMethod("setNamedGroups", String[].class);
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    private static List<String> supportedCipherSuites() {
        try {
            return Arrays.asList(SSLContext.getDefault().getSupportedSSLParameters().getCipherSuites());
        } catch (GeneralSecurityException e) {
            throw new TlsSetupException("no TLS support in this JVM: " + e.getMessage(), e);
        }
    }

    private static PrivateKey privateKey(TlsOptions tls) {
        try {
            return PemFiles.privateKey(Path.of(tls.keyFile()));
        } catch (IOException | GeneralSecurityException e) {
            throw new TlsSetupException("error parsing X509 certificate/key pair: " + e.getMessage(), e);
        }
    }

    private static X509Certificate[] certificateChain(TlsOptions tls) {
        try {
            return PemFiles.certificates(Path.of(tls.certFile())).toArray(X509Certificate[]::new);
        } catch (IOException | GeneralSecurityException e) {
            throw new TlsSetupException("error parsing X509 certificate/key pair: " + e.getMessage(), e);
        }
    }

    private static X509Certificate[] caCertificates(TlsOptions tls) {
        try {
            return PemFiles.certificates(Path.of(tls.caFile())).toArray(X509Certificate[]::new);
        } catch (IOException | GeneralSecurityException e) {
            throw new TlsSetupException("failed to parse root ca certificate: " + e.getMessage(), e);
        }
    }
}
