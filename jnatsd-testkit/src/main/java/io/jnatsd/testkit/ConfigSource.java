package io.jnatsd.testkit;

import io.jnatsd.JnatsdServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/** Where an annotation's {@code config} points: a classpath resource first, then a file. */
final class ConfigSource {
    private ConfigSource() {
    }

    static void apply(String location, ClassLoader loader, JnatsdServer.Builder builder) {
        if (location.isEmpty()) {
            return;
        }
        String resource = location.startsWith("/") ? location.substring(1) : location;
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in != null) {
                builder.configString(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                return;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read configuration resource " + location, e);
        }
        Path file = Path.of(location);
        if (!Files.isRegularFile(file)) {
            throw new ExtensionConfigurationException("configuration " + location
                    + " is neither a classpath resource nor a file");
        }
        builder.config(file);
    }
}
