package io.jnatsd.bench.target;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throw-away certificate authority and one route certificate it signed, made with the JDK's
 * {@code keytool} when a run asks for route TLS, so that no key material lives in the repository.
 * The route certificate names IP 127.0.0.1 and is good for both ends of a route (serverAuth and
 * clientAuth), since every server presents it when dialling and when accepting.
 *
 * @param certificate PEM of the route certificate
 * @param key PEM (PKCS#8) of its private key
 * @param authority PEM of the authority both ends verify against
 */
public record RouteCertificates(Path certificate, Path key, Path authority) {

    private static final String STORE_PASSWORD = "bench-only";
    private static final String VALIDITY_DAYS = "2";
    private static final long KEYTOOL_TIMEOUT_SECONDS = 60;

    /** Makes a fresh authority and route certificate in {@code directory}, replacing earlier ones. */
    public static RouteCertificates create(Path directory) throws IOException {
        Files.createDirectories(directory);
        Path authorityStore = directory.resolve("route-ca.p12");
        Path routeStore = directory.resolve("route.p12");
        Path request = directory.resolve("route.csr");
        RouteCertificates files = new RouteCertificates(directory.resolve("route-cert.pem"),
            directory.resolve("route-key.pem"), directory.resolve("route-ca.pem"));
        for (Path old : List.of(authorityStore, routeStore, request)) {
            Files.deleteIfExists(old);
        }
        keytool("-genkeypair", "-alias", "ca", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=jnatsd bench CA",
            "-ext", "bc:c", "-validity", VALIDITY_DAYS, "-keystore", authorityStore.toString());
        keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", authorityStore.toString(),
            "-file", files.authority().toString());
        keytool("-genkeypair", "-alias", "route", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=jnatsd bench route",
            "-validity", VALIDITY_DAYS, "-keystore", routeStore.toString());
        keytool("-certreq", "-alias", "route", "-keystore", routeStore.toString(), "-file", request.toString());
        keytool("-gencert", "-rfc", "-alias", "ca", "-keystore", authorityStore.toString(), "-infile", request.toString(),
            "-outfile", files.certificate().toString(), "-validity", VALIDITY_DAYS,
            "-ext", "san=ip:127.0.0.1", "-ext", "eku=serverAuth,clientAuth", "-ext", "ku=digitalSignature,keyEncipherment");
        writePrivateKey(routeStore, files.key());
        return files;
    }

    /** keytool cannot export a private key; the PKCS12 store holds it in PKCS#8, which both servers read as PEM. */
    private static void writePrivateKey(Path store, Path pem) throws IOException {
        try (InputStream in = Files.newInputStream(store)) {
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            keyStore.load(in, STORE_PASSWORD.toCharArray());
            Key key = keyStore.getKey("route", STORE_PASSWORD.toCharArray());
            String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded());
            Files.writeString(pem, "-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----\n");
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot read the route key from " + store + ": " + e.getMessage(), e);
        }
    }

    private static void keytool(String... arguments) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(arguments));
        command.addAll(List.of("-storetype", "PKCS12", "-storepass", STORE_PASSWORD, "-noprompt"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            boolean done = process.waitFor(KEYTOOL_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!done || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IOException("keytool " + arguments[0] + " failed: " + output.strip());
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running keytool", e);
        }
    }
}
