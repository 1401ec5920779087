package io.jnatsd.tests.tls;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The certificates the TLS tests share, made once per test run and written as PEM files to a
 * temporary directory: a CA and the certificates it signs, and a second, untrusted CA.
 */
public final class TestPki {
    public static final TestPki INSTANCE = create();

    final Path dir;
    final TestCertificate ca;
    /** SAN IP:127.0.0.1 and DNS:localhost, server and client auth: for servers and routes. */
    final TestCertificate server;
    /** The same, with an RSA key. */
    final TestCertificate serverRsa;
    /** A client named by its e-mail SAN. */
    final TestCertificate alice;
    /** A client named only by its subject DN. */
    final TestCertificate bob;
    final TestCertificate otherCa;
    /** Looks like {@link #server} but is signed by {@link #otherCa}. */
    final TestCertificate otherServer;
    final TestCertificate expiredServer;
    /** Signed by {@link #ca} for DNS:wrong.example only, no IP. */
    final TestCertificate wrongHostServer;

    private TestPki(Path dir) {
        this.dir = dir;
        ca = TestCertificate.authority("CN=jnatsd test CA,O=jnatsd");
        server = ca.issue("CN=localhost,O=jnatsd").ip("127.0.0.1").dns("localhost").serverAndClient().sign();
        serverRsa = ca.issue("CN=localhost,O=jnatsd").rsa().ip("127.0.0.1").dns("localhost").serverAndClient().sign();
        alice = ca.issue("CN=alice,O=jnatsd").email("alice@example.com").client().sign();
        bob = ca.issue("CN=bob,OU=NATS,O=Acme").client().sign();
        otherCa = TestCertificate.authority("CN=other CA,O=elsewhere");
        otherServer = otherCa.issue("CN=localhost,O=elsewhere").ip("127.0.0.1").dns("localhost").serverAndClient().sign();
        expiredServer = ca.issue("CN=localhost,O=jnatsd").ip("127.0.0.1").dns("localhost").serverAndClient()
                .expiredSince(Duration.ofDays(1)).sign();
        wrongHostServer = ca.issue("CN=wrong.example,O=jnatsd").dns("wrong.example").serverAndClient().sign();
    }

    private static TestPki create() {
        try {
            Path dir = Files.createTempDirectory("jnatsd-tls-");
            dir.toFile().deleteOnExit();
            TestPki pki = new TestPki(dir);
            pki.write("ca", pki.ca);
            pki.write("server", pki.server);
            pki.write("server-rsa", pki.serverRsa);
            pki.write("alice", pki.alice);
            pki.write("bob", pki.bob);
            pki.write("other-ca", pki.otherCa);
            pki.write("other-server", pki.otherServer);
            pki.write("expired-server", pki.expiredServer);
            pki.write("wrong-host-server", pki.wrongHostServer);
            return pki;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void write(String name, TestCertificate certificate) throws IOException {
        for (Path file : certificate.writePem(dir, name)) {
            file.toFile().deleteOnExit();
        }
    }

    /** The PEM file of a certificate written here ({@code ca}, {@code server}, ...). */
    public Path certificateFile(String name) {
        return cert(name);
    }

    Path cert(String name) {
        return dir.resolve(name + ".pem");
    }

    Path key(String name) {
        return dir.resolve(name + "-key.pem");
    }

    /**
     * A {@code tls {}} block naming a certificate and key from this directory, plus extra keys.
     * The handshake timeout is generous unless {@code extra} sets one: a first handshake in a
     * fresh JVM on a busy machine can take longer than the 2 s default.
     */
    public String tlsBlock(String name, String caName, String extra) {
        return "tls {\n  cert_file: \"" + cert(name) + "\"\n  key_file: \"" + key(name) + "\"\n"
                + (caName == null ? "" : "  ca_file: \"" + cert(caName) + "\"\n")
                + (extra.contains("timeout:") ? "" : "  timeout: 10\n") + extra + "\n}\n";
    }

    /** A client SSL context trusting {@code trusted}, presenting {@code identity} (may be null). */
    static SSLContext clientContext(TestCertificate identity, TestCertificate trusted) {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("ca", trusted.certificate);
            TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trustManagers.init(trust);
            KeyManagerFactory keyManagers = null;
            if (identity != null) {
                char[] password = "test".toCharArray();
                KeyStore keys = KeyStore.getInstance("PKCS12");
                keys.load(null, null);
                keys.setKeyEntry("me", identity.key, password, identity.chain.toArray(Certificate[]::new));
                keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                keyManagers.init(keys, password);
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers == null ? null : keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
