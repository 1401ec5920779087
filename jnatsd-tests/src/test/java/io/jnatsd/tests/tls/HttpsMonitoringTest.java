package io.jnatsd.tests.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jnatsd.JnatsdServer;
import io.jnatsd.transport.ServerStartException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code https_port} as nats-server 2.10 serves it: the client {@code tls {}} block's
 * certificate, no client certificate asked for even with {@code verify}, {@code /varz} saying
 * {@code https_port}, and a plain HTTP request answered with Go's 400. The same checks run against
 * nats-server when {@code NATS_SERVER_210} names it.
 */
class HttpsMonitoringTest {
    private static final TestPki PKI = TestPki.INSTANCE;

    @TempDir
    Path directory;

    @Test
    void jnatsdServesItsMonitoringOverTls() throws Exception {
        try (JnatsdServer server = JnatsdServer.builder().configString(config(-1)).start()) {
            assertThat(server.monitorUrl()).startsWith("https://");
            check(server.monitorPort());
        }
    }

    @Test
    void natsServerDoesTheSame() throws Exception {
        String binary = System.getenv("NATS_SERVER_210");
        assumeTrue(binary != null && !binary.isBlank(), "NATS_SERVER_210 is not set: no nats-server to compare with");
        int port = freePort();
        Path conf = Files.writeString(directory.resolve("https.conf"), config(port));
        Process process = new ProcessBuilder(binary, "-c", conf.toString()).redirectErrorStream(true)
                .redirectOutput(directory.resolve("nats.log").toFile()).start();
        try {
            await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> get(port).statusCode() == 200);
            check(port);
        } finally {
            process.destroy();
            process.waitFor();
        }
    }

    @Test
    void httpsWithoutACertificateOrBesideHttpStopsTheStart() {
        assertThatThrownBy(() -> JnatsdServer.builder().configString("https: 127.0.0.1:-1\n").start())
                .isInstanceOf(ServerStartException.class)
                .hasMessage("Can't start monitoring: TLS cert and key required for HTTPS");
        assertThatThrownBy(() -> JnatsdServer.builder().configString(config(-1) + "http: 127.0.0.1:8222\n").start())
                .hasMessage("Can't start monitoring: can't specify both HTTP (8222) and HTTPs (-1) ports");
    }

    private static String config(int port) {
        return "listen: 127.0.0.1:-1\nhttps: 127.0.0.1:" + port + "\n"
                + PKI.tlsBlock("server", "ca", "  verify: true");
    }

    private static void check(int port) throws Exception {
        String varz = get(port).body();
        assertThat(varz).contains("\"http_port\": 0,").contains("\"https_port\": " + port + ",");
        try (Socket plain = new Socket(InetAddress.getLoopbackAddress(), port)) {
            plain.setSoTimeout(5000);
            OutputStream out = plain.getOutputStream();
            out.write("GET /varz HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = plain.getInputStream();
            assertThat(new String(in.readAllBytes(), StandardCharsets.US_ASCII))
                    .isEqualTo("HTTP/1.0 400 Bad Request\r\n\r\nClient sent an HTTP request to an HTTPS server.\n");
        }
    }

    /** A request without a client certificate, trusting the test CA. */
    private static HttpResponse<String> get(int port) throws Exception {
        HttpClient client = HttpClient.newBuilder().sslContext(TestPki.clientContext(null, PKI.ca)).build();
        return client.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + "/varz"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
