package io.jnatsd.transport.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the PEM files a {@code tls {}} block names, as nats-server accepts them: certificate
 * chains and CA bundles, and unencrypted private keys in PKCS#8 ({@code PRIVATE KEY}), PKCS#1
 * ({@code RSA PRIVATE KEY}) or SEC1 ({@code EC PRIVATE KEY}, possibly after an
 * {@code EC PARAMETERS} block) form. The legacy forms are re-wrapped as PKCS#8 so the JDK reads
 * them without a third-party provider.
 */
public final class PemFiles {
    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----(.*?)-----END \\1-----", Pattern.DOTALL);
    private static final byte[] RSA_ENCRYPTION = oid(0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x01);
    private static final byte[] EC_PUBLIC_KEY = oid(0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x02, 0x01);

    private PemFiles() {
    }

    public static List<X509Certificate> certificates(Path file) throws IOException, CertificateException {
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        List<X509Certificate> out = new ArrayList<>();
        for (Pem block : blocks(file)) {
            if (block.type().equals("CERTIFICATE")) {
                out.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(block.der())));
            }
        }
        if (out.isEmpty()) {
            throw new CertificateException("failed to find any PEM data in certificate input");
        }
        return out;
    }

    public static PrivateKey privateKey(Path file) throws IOException, GeneralSecurityException {
        for (Pem block : blocks(file)) {
            switch (block.type()) {
                case "PRIVATE KEY":
                    return pkcs8(block.der());
                case "RSA PRIVATE KEY":
                    return pkcs8(wrap(RSA_ENCRYPTION, new DerElement(DerElement.NULL, new byte[0]), block.der()));
                case "EC PRIVATE KEY":
                    return pkcs8(wrap(EC_PUBLIC_KEY, curveOf(block.der()), block.der()));
                case "ENCRYPTED PRIVATE KEY":
                    throw new GeneralSecurityException("encrypted private keys are not supported");
                default:
                    // EC PARAMETERS and other blocks that may precede the key
            }
        }
        throw new GeneralSecurityException("failed to find any PEM data in key input");
    }

    private record Pem(String type, byte[] der) {
    }

    private static List<Pem> blocks(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.ISO_8859_1);
        List<Pem> out = new ArrayList<>();
        Matcher m = BLOCK.matcher(text);
        while (m.find()) {
            out.add(new Pem(m.group(1), Base64.getMimeDecoder().decode(m.group(2))));
        }
        return out;
    }

    /** PKCS#8: version 0, the key algorithm and its parameters, the legacy key as an octet string. */
    private static byte[] wrap(byte[] algorithm, DerElement parameters, byte[] legacyKey) {
        return DerElement.sequence(
                new DerElement(DerElement.INTEGER, new byte[] {0}),
                DerElement.sequence(new DerElement(DerElement.OBJECT_IDENTIFIER, algorithm), parameters),
                new DerElement(DerElement.OCTET_STRING, legacyKey)).encoded();
    }

    /** The named curve in a SEC1 key's {@code [0]} parameters (OpenSSL always writes it). */
    private static DerElement curveOf(byte[] sec1) throws GeneralSecurityException {
        try {
            for (DerElement field : DerElement.read(sec1).children()) {
                if (field.tag() == DerElement.CONTEXT_0) {
                    return field.children().get(0);
                }
            }
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new GeneralSecurityException("malformed EC private key: " + e.getMessage(), e);
        }
        throw new GeneralSecurityException("EC private key without curve parameters");
    }

    private static PrivateKey pkcs8(byte[] der) throws GeneralSecurityException {
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
        GeneralSecurityException last = null;
        for (String algorithm : new String[] {"RSA", "EC", "Ed25519", "RSASSA-PSS"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (GeneralSecurityException e) {
                last = e;
            }
        }
        throw new GeneralSecurityException("unsupported private key: " + last.getMessage(), last);
    }

    private static byte[] oid(int... bytes) {
        byte[] out = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            out[i] = (byte) bytes[i];
        }
        return out;
    }
}
