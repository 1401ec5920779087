package io.jnatsd.bench.target;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClusterConfigFileTest {

    @TempDir
    Path directory;

    @Test
    void writesTheClusterBlockWithSeedRouteCompressionAndTls() throws IOException {
        RouteCertificates certificates = new RouteCertificates(directory.resolve("cert.pem"),
            directory.resolve("key.pem"), directory.resolve("ca.pem"));
        Path file = ClusterConfigFile.write(directory.resolve("b.conf"), "bench", "127.0.0.1", 6001, 6000,
            new RouteVariant("s2_fast", true), certificates);

        String text = Files.readString(file);
        assertThat(text).contains("name: bench", "listen: \"127.0.0.1:6001\"",
            "routes: [\"nats-route://127.0.0.1:6000\"]", "compression: s2_fast", "verify: true",
            "cert_file: \"" + directory.resolve("cert.pem").toAbsolutePath() + "\"");
    }

    @Test
    void leavesOutRoutesAndTlsWhenNotAsked() throws IOException {
        Path file = ClusterConfigFile.write(directory.resolve("a.conf"), "bench", "127.0.0.1", 6000, 0,
            new RouteVariant("off", false), null);

        assertThat(Files.readString(file)).contains("compression: off").doesNotContain("routes", "tls");
    }

    @Test
    void rejectsAnUnknownCompressionMode() {
        assertThatThrownBy(() -> new RouteVariant("zstd", false)).hasMessageContaining("s2_auto");
    }
}
