package io.jnatsd.config;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The configuration corpus under {@code src/test/resources/configs}: files directly in
 * {@code valid/} must pass {@code -t}, files directly in {@code invalid/} must fail it; sub-folders
 * hold include targets. {@link #environment()} holds the variables the corpus reads.
 */
final class ConfigCorpus {
    private ConfigCorpus() {
    }

    static Path root() {
        try {
            return Path.of(ConfigCorpus.class.getResource("/configs").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<Path> files(String folder) {
        try (Stream<Path> files = Files.list(root().resolve(folder))) {
            return files.filter(p -> p.toString().endsWith(".conf")).sorted().toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, String> environment() {
        Path certs = root().resolve("certs").toAbsolutePath();
        return Map.of(
                "JNATSD_TEST_ROUTE_PASS", "s3cret",
                "JNATSD_TEST_MAX_PAYLOAD", "2MB",
                "JNATSD_TEST_CERT", certs.resolve("server.pem").toString(),
                "JNATSD_TEST_KEY", certs.resolve("server-key.pem").toString(),
                "JNATSD_TEST_CA", certs.resolve("ca.pem").toString());
    }
}
