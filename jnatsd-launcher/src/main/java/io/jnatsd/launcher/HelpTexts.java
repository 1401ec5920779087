package io.jnatsd.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import javax.net.ssl.SSLContext;

/** The {@code --help} and {@code --help_tls} texts, kept as resources beside this class. */
final class HelpTexts {

    private HelpTexts() {
    }

    static String usage() {
        return resource("usage.txt");
    }

    /** The TLS example, then the cipher suites this JVM offers (they differ from Go's). */
    static String tls() {
        StringBuilder text = new StringBuilder(resource("tls-help.txt"));
        try {
            for (String suite : SSLContext.getDefault().getSupportedSSLParameters().getCipherSuites()) {
                text.append("    ").append(suite).append('\n');
            }
        } catch (NoSuchAlgorithmException e) {
            text.append("    (none: this JVM has no default TLS context)\n");
        }
        return text.append('\n').toString();
    }

    private static String resource(String name) {
        try (InputStream in = HelpTexts.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
