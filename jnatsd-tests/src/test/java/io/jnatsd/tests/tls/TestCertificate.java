package io.jnatsd.tests.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import javax.security.auth.x500.X500Principal;

/**
 * A certificate and its private key made at test time (no key material lives in the repository):
 * a self-signed CA or a leaf it signs, with the subject alternative names and key usages TLS
 * peers check. Built straight in DER, so tests need neither keytool nor a crypto library.
 */
final class TestCertificate {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";

    final X509Certificate certificate;
    final PrivateKey key;
    /** The chain up to (not including) the root: what a TLS peer presents. */
    final List<X509Certificate> chain;

    private TestCertificate(X509Certificate certificate, PrivateKey key, List<X509Certificate> chain) {
        this.certificate = certificate;
        this.key = key;
        this.chain = chain;
    }

    /** A self-signed certificate authority with an EC P-256 key. */
    static TestCertificate authority(String subject) {
        return new Request(subject).authority().issue(null);
    }

    /** Starts a leaf certificate for {@code subject} (an RFC 2253 DN such as {@code CN=alice}). */
    Request issue(String subject) {
        return new Request(subject).issuer(this);
    }

    /** Writes {@code name.pem} (the chain) and {@code name-key.pem} (PKCS#8) and returns their paths. */
    Path[] writePem(Path dir, String name) throws IOException {
        Path cert = dir.resolve(name + ".pem");
        Path keyFile = dir.resolve(name + "-key.pem");
        StringBuilder pem = new StringBuilder();
        for (X509Certificate c : chain) {
            pem.append(pem("CERTIFICATE", encoded(c)));
        }
        Files.writeString(cert, pem);
        Files.writeString(keyFile, pem("PRIVATE KEY", key.getEncoded()));
        return new Path[] {cert, keyFile};
    }

    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static byte[] encoded(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What goes into one certificate. */
    static final class Request {
        private final String subject;
        private TestCertificate issuer;
        private boolean authority;
        private boolean rsa;
        private Instant notBefore = Instant.now().minus(Duration.ofHours(1));
        private Instant notAfter = Instant.now().plus(Duration.ofDays(2));
        private final List<byte[]> alternativeNames = new ArrayList<>();
        private final List<String> extendedUsages = new ArrayList<>();

        Request(String subject) {
            this.subject = subject;
        }

        Request issuer(TestCertificate v) {
            issuer = v;
            return this;
        }

        Request authority() {
            authority = true;
            return this;
        }

        Request rsa() {
            rsa = true;
            return this;
        }

        Request ip(String address) {
            try {
                alternativeNames.add(Der.element(0x87, InetAddress.getByName(address).getAddress()));
            } catch (IOException e) {
                throw new IllegalArgumentException(e);
            }
            return this;
        }

        Request dns(String name) {
            alternativeNames.add(Der.element(0x82, name.getBytes(StandardCharsets.US_ASCII)));
            return this;
        }

        Request email(String address) {
            alternativeNames.add(Der.element(0x81, address.getBytes(StandardCharsets.US_ASCII)));
            return this;
        }

        Request uri(String uri) {
            alternativeNames.add(Der.element(0x86, uri.getBytes(StandardCharsets.US_ASCII)));
            return this;
        }

        /** Server and client authentication: what a route certificate needs. */
        Request serverAndClient() {
            extendedUsages.add(SERVER_AUTH);
            extendedUsages.add(CLIENT_AUTH);
            return this;
        }

        Request client() {
            extendedUsages.add(CLIENT_AUTH);
            return this;
        }

        Request expiredSince(Duration ago) {
            notAfter = Instant.now().minus(ago);
            notBefore = notAfter.minus(Duration.ofDays(1));
            return this;
        }

        TestCertificate sign() {
            return issue(issuer);
        }

        private TestCertificate issue(TestCertificate signer) {
            try {
                KeyPair pair = newKeyPair();
                PrivateKey signingKey = signer == null ? pair.getPrivate() : signer.key;
                X500Principal issuerName = signer == null ? new X500Principal(subject)
                        : signer.certificate.getSubjectX500Principal();
                byte[] issuerKeyId = signer == null ? keyId(pair.getPublic().getEncoded())
                        : keyId(signer.certificate.getPublicKey().getEncoded());
                byte[] algorithm = signatureAlgorithm(signingKey);
                byte[] tbs = Der.sequence(
                        Der.explicit(0, Der.integer(BigInteger.TWO)),
                        Der.integer(new BigInteger(63, RANDOM).add(BigInteger.ONE)),
                        algorithm,
                        issuerName.getEncoded(),
                        Der.sequence(Der.time(notBefore), Der.time(notAfter)),
                        new X500Principal(subject).getEncoded(),
                        pair.getPublic().getEncoded(),
                        Der.explicit(3, Der.sequence(extensions(keyId(pair.getPublic().getEncoded()), issuerKeyId))));
                Signature signature = Signature.getInstance(signingKey.getAlgorithm().equals("RSA")
                        ? "SHA256withRSA" : "SHA256withECDSA");
                signature.initSign(signingKey);
                signature.update(tbs);
                byte[] der = Der.sequence(tbs, algorithm, Der.bitString(signature.sign(), 0));
                X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                        .generateCertificate(new ByteArrayInputStream(der));
                List<X509Certificate> chain = new ArrayList<>();
                chain.add(certificate);
                return new TestCertificate(certificate, pair.getPrivate(), chain);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        private KeyPair newKeyPair() throws GeneralSecurityException {
            if (rsa) {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                return generator.generateKeyPair();
            }
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        }

        private static byte[] signatureAlgorithm(PrivateKey signingKey) {
            return signingKey.getAlgorithm().equals("RSA")
                    ? Der.sequence(Der.oid("1.2.840.113549.1.1.11"), Der.nullValue())
                    : Der.sequence(Der.oid("1.2.840.10045.4.3.2"));
        }

        private byte[][] extensions(byte[] subjectKeyId, byte[] issuerKeyId) {
            List<byte[]> out = new ArrayList<>();
            out.add(extension("2.5.29.19", true, authority ? Der.sequence(Der.bool(true)) : Der.sequence()));
            // CA: digitalSignature, keyCertSign, cRLSign; leaf: digitalSignature, keyEncipherment
            out.add(extension("2.5.29.15", true, authority ? Der.bitString(new byte[] {(byte) 0x86}, 1)
                    : Der.bitString(new byte[] {(byte) 0xA0}, 5)));
            out.add(extension("2.5.29.14", false, Der.octetString(subjectKeyId)));
            out.add(extension("2.5.29.35", false, Der.sequence(Der.element(0x80, issuerKeyId))));
            if (!extendedUsages.isEmpty()) {
                out.add(extension("2.5.29.37", false,
                        Der.sequence(extendedUsages.stream().map(Der::oid).toArray(byte[][]::new))));
            }
            if (!alternativeNames.isEmpty()) {
                out.add(extension("2.5.29.17", false, Der.sequence(alternativeNames.toArray(byte[][]::new))));
            }
            return out.toArray(byte[][]::new);
        }

        private static byte[] extension(String oid, boolean critical, byte[] value) {
            return critical ? Der.sequence(Der.oid(oid), Der.bool(true), Der.octetString(value))
                    : Der.sequence(Der.oid(oid), Der.octetString(value));
        }

        private static byte[] keyId(byte[] subjectPublicKeyInfo) throws GeneralSecurityException {
            return Arrays.copyOf(MessageDigest.getInstance("SHA-1").digest(subjectPublicKeyInfo), 20);
        }
    }
}
