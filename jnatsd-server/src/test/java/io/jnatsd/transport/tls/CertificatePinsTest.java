package io.jnatsd.transport.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.jnatsd.config.ConfigCheck;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The key id {@code pinned_certs} holds, and how the configuration reads it. */
class CertificatePinsTest {
    /** A P-256 certificate made with openssl; its pin by {@code openssl pkey -pubin -outform der | sha256sum}. */
    private static final String PEM = """
            -----BEGIN CERTIFICATE-----
            MIIBfjCCASOgAwIBAgIUYuMMyYcAzvoFYOcdHEKYhooa/lYwCgYIKoZIzj0EAwIw
            EzERMA8GA1UEAwwIcGluIHRlc3QwIBcNMjYxMjA1MTEyNzM5WhgPMjEyNjExMTEx
            MTI3MzlaMBMxETAPBgNVBAMMCHBpbiB0ZXN0MFkwEwYHKoZIzj0CAQYIKoZIzj0D
            AQcDQgAE3Igq03UQxitbu7l5f6bS1hqa33g4hsiRIWxqJErrzfq3uewIKtJPsAE8
            EvKqrGvhunbEtB1I9ERhM+Hk6BCK3aNTMFEwHQYDVR0OBBYEFJ36yEbhgqDN7W+T
            0y4kfZukOIYHMB8GA1UdIwQYMBaAFJ36yEbhgqDN7W+T0y4kfZukOIYHMA8GA1Ud
            EwEB/wQFMAMBAf8wCgYIKoZIzj0EAwIDSQAwRgIhAKVQct9BjW3mvSLPfV6WJgvq
            KbQg+r8Noetf/uzwC9nDAiEAtGwa+oaW/W96vgxVQbJbNXC7dN6UJEz2nMEVEevo
            8Io=
            -----END CERTIFICATE-----
            """;
    private static final String OPENSSL_PIN = "176084bfefd6ee4ccb7820761776f892aa079a8389b4c043eace4a53ae22c56c";

    @TempDir
    Path dir;

    @Test
    void theKeyIdIsTheSha256OfTheSubjectPublicKeyInfoAsOpensslComputesIt() throws Exception {
        Certificate certificate = CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(PEM.getBytes(StandardCharsets.US_ASCII)));
        assertThat(CertificatePins.keyId(certificate)).isEqualTo(OPENSSL_PIN);
    }

    @Test
    void pinsAreReadInAnyCaseAndAnEntryThatIsNotAKeyIdFailsWithNatsServersText() throws Exception {
        Path cert = dir.resolve("cert.pem");
        Files.writeString(cert, PEM);
        Path key = dir.resolve("key.pem");
        Files.writeString(key, "-----BEGIN PRIVATE KEY-----\nAA==\n-----END PRIVATE KEY-----\n");
        String block = "tls { cert_file: \"" + cert + "\", key_file: \"" + key + "\", pinned_certs: [%s] }\n";
        Path good = dir.resolve("good.conf");
        Files.writeString(good, "listen: 127.0.0.1:4222\n" + block.formatted("\"" + OPENSSL_PIN.toUpperCase() + "\""));
        assertThat(ConfigCheck.check(good, Map.of()).errors()).isEmpty();
        Path bad = dir.resolve("bad.conf");
        Files.writeString(bad, "listen: 127.0.0.1:4222\n" + block.formatted("\"nothex\""));
        assertThat(ConfigCheck.check(bad, Map.of()).errors()).singleElement().asString()
                .endsWith("error parsing tls config, 'pinned_certs' key nothex does not look like hex-encoded sha256"
                        + " of DER encoded SubjectPublicKeyInfo");
    }
}
