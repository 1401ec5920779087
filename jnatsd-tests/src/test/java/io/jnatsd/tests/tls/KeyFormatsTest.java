package io.jnatsd.tests.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jnatsd.JnatsdServer;
import io.jnatsd.transport.ServerStartException;
import io.jnatsd.transport.tls.PemFiles;
import io.nats.client.Connection;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Private keys in the forms OpenSSL writes (PKCS#8, PKCS#1 RSA, SEC1 EC with or without an
 * EC PARAMETERS block) work as server keys, and bad TLS settings stop the server at start.
 */
class KeyFormatsTest {
    private static final TestPki PKI = TestPki.INSTANCE;
    private final ConfiguredServers servers = new ConfiguredServers();
    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        servers.close();
    }

    @Test
    void aPkcs1RsaKeyIsReadAsThePkcs8One() throws Exception {
        RSAPrivateCrtKey key = (RSAPrivateCrtKey) PKI.serverRsa.key;
        byte[] pkcs1 = Der.sequence(Der.integer(BigInteger.ZERO), Der.integer(key.getModulus()),
                Der.integer(key.getPublicExponent()), Der.integer(key.getPrivateExponent()),
                Der.integer(key.getPrimeP()), Der.integer(key.getPrimeQ()), Der.integer(key.getPrimeExponentP()),
                Der.integer(key.getPrimeExponentQ()), Der.integer(key.getCrtCoefficient()));
        Path file = write("rsa1-key.pem", TestCertificate.pem("RSA PRIVATE KEY", pkcs1));
        assertThat(PemFiles.privateKey(file).getEncoded()).isEqualTo(key.getEncoded());
        assertServesTls("server-rsa", file);
    }

    @Test
    void aSec1EcKeyAfterAnEcParametersBlockIsRead() throws Exception {
        ECPrivateKey key = (ECPrivateKey) PKI.server.key;
        byte[] secp256r1 = Der.oid("1.2.840.10045.3.1.7");
        byte[] sec1 = Der.sequence(Der.integer(BigInteger.ONE), Der.octetString(fixedLength(key.getS(), 32)),
                Der.explicit(0, secp256r1));
        Path file = write("ec-key.pem", TestCertificate.pem("EC PARAMETERS", secp256r1)
                + TestCertificate.pem("EC PRIVATE KEY", sec1));
        assertSamePair(PemFiles.privateKey(file), PKI.server.certificate.getPublicKey());
        assertServesTls("server", file);
    }

    @Test
    void keysMadeByTheOpensslToolAreRead() throws Exception {
        Path ec = dir.resolve("openssl-ec.pem");
        Path rsa = dir.resolve("openssl-rsa.pem");
        assumeTrue(openssl("ecparam", "-genkey", "-name", "prime256v1", "-out", ec.toString()),
                "the openssl tool is not available");
        assertThat(Files.readString(ec)).contains("BEGIN EC PRIVATE KEY");
        assertThat(PemFiles.privateKey(ec).getAlgorithm()).isEqualTo("EC");
        assumeTrue(openssl("genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", rsa.toString()));
        assertThat(PemFiles.privateKey(rsa).getAlgorithm()).isEqualTo("RSA");
    }

    @Test
    void anUnknownCipherSuiteStopsTheServerAtStart() {
        assertThatThrownBy(() -> servers.start(PKI.tlsBlock("server", null, "  cipher_suites: [\"TLS_NOPE\"]")))
                .isInstanceOf(ServerStartException.class).hasMessage("error parsing tls config, unrecognized cipher TLS_NOPE");
    }

    @Test
    void anUnknownCurveIsRefusedWhenTheFileIsReadAsNatsServerRefusesIt() {
        assertThatThrownBy(() -> servers.start(PKI.tlsBlock("server", null, "  curve_preferences: [\"CurveP999\"]")))
                .isInstanceOf(io.jnatsd.config.ConfigException.class)
                .hasMessageEndingWith(": unrecognized curve preference CurveP999\n");
    }

    @Test
    void goCipherNamesMinVersionAndCurvesAreApplied() throws Exception {
        JnatsdServer server = servers.start(PKI.tlsBlock("server", null, """
                  cipher_suites: ["TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305"]
                  curve_preferences: ["CurveP256", "X25519"]
                  min_version: "1.2"
                """));
        try (Connection c = ClientTlsTest.connect(server, TestPki.clientContext(null, PKI.ca))) {
            ClientTlsTest.assertRoundTrip(c, c, "ciphers");
        }
        JnatsdServer tls13Only = servers.start(PKI.tlsBlock("server", null, "  min_version: \"1.3\""));
        SSLContext tls12 = SSLContext.getInstance("TLSv1.2");
        tls12.init(null, trustCa(), null);
        try (RawClient raw = new RawClient(tls13Only.port())) {
            raw.readLine();
            assertThatThrownBy(() -> raw.upgrade(tls12)).isInstanceOf(IOException.class);
        }
    }

    private static TrustManager[] trustCa() throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", PKI.ca.certificate);
        TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
        factory.init(trust);
        return factory.getTrustManagers();
    }

    private void assertServesTls(String certName, Path keyFile) throws Exception {
        JnatsdServer server = servers.start("tls {\n  cert_file: \"" + PKI.cert(certName) + "\"\n  key_file: \""
                + keyFile + "\"\n  timeout: 10\n}\n");
        try (Connection c = ClientTlsTest.connect(server, TestPki.clientContext(null, PKI.ca))) {
            ClientTlsTest.assertRoundTrip(c, c, "keys");
        }
    }

    private static void assertSamePair(PrivateKey key, PublicKey publicKey) throws Exception {
        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(key);
        signer.update(new byte[] {1, 2, 3});
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance("SHA256withECDSA");
        verifier.initVerify(publicKey);
        verifier.update(new byte[] {1, 2, 3});
        assertThat(verifier.verify(signature)).isTrue();
    }

    private static byte[] fixedLength(BigInteger value, int length) {
        byte[] raw = value.toByteArray();
        byte[] out = new byte[length];
        int copy = Math.min(raw.length, length);
        System.arraycopy(raw, raw.length - copy, out, length - copy, copy);
        return out;
    }

    private Path write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content);
        return file;
    }

    private static boolean openssl(String... arguments) throws InterruptedException {
        String[] command = new String[arguments.length + 1];
        command[0] = "openssl";
        System.arraycopy(arguments, 0, command, 1, arguments.length);
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException notInstalled) {
            return false;
        }
    }
}
