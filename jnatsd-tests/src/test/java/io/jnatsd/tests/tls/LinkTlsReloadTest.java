package io.jnatsd.tests.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jnatsd.JnatsdServer;
import io.jnatsd.config.ConfigLoader;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.Certificate;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Certificates rotated under the same file names (as cert-manager and the NATS Helm chart's
 * reloader do: replace the files, then SIGHUP) serve the route and leaf node connections made
 * after the reload, as nats-server 2.10.27 re-reads every TLS file at each reload: the route
 * listener, the leafnode listener and a remote's client certificate. And, as nats-server's, the
 * route listener asks every peer for a certificate, whether or not the block says {@code verify}.
 */
class LinkTlsReloadTest {
    private static final TestPki PKI = TestPki.INSTANCE;

    @TempDir
    Path dir;
    private Path conf;
    private CertificateRecorder hub;
    private JnatsdServer server;

    @BeforeEach
    void start() throws Exception {
        useFiles("server");
        hub = new CertificateRecorder(PKI);
        conf = dir.resolve("server.conf");
        String tls = "tls { cert_file: \"" + dir.resolve("link.pem") + "\", key_file: \"" + dir.resolve("link-key.pem")
                + "\", ca_file: \"" + PKI.cert("ca") + "\", timeout: 10 }";
        Files.writeString(conf, "host: 127.0.0.1\nport: -1\n"
                + "cluster { name: c, listen: \"127.0.0.1:-1\"\n" + tls + "\n}\n"
                + "leafnodes { listen: \"127.0.0.1:-1\"\n" + tls + "\n"
                + "  reconnect: \"200ms\"\n"
                + "  remotes: [ { url: \"nats-leaf://127.0.0.1:" + hub.port() + "\"\n"
                + "    tls { cert_file: \"" + dir.resolve("link.pem") + "\", key_file: \"" + dir.resolve("link-key.pem")
                + "\", ca_file: \"" + PKI.cert("ca") + "\", handshake_first: true, timeout: 10 } } ]\n}\n");
        server = JnatsdServer.start(ConfigLoader.load(conf));
    }

    @AfterEach
    void stop() throws IOException {
        if (server != null) {
            server.close();
        }
        hub.close();
    }

    private void useFiles(String name) throws IOException {
        Files.copy(PKI.cert(name), dir.resolve("link.pem"), StandardCopyOption.REPLACE_EXISTING);
        Files.copy(PKI.key(name), dir.resolve("link-key.pem"), StandardCopyOption.REPLACE_EXISTING);
    }

    /** The certificate the route port presents to a peer that shows {@code identity}'s. */
    private Certificate routeCertificate() throws IOException {
        try (SSLSocket socket = (SSLSocket) TestPki.clientContext(PKI.alice, PKI.ca).getSocketFactory()
                .createSocket("127.0.0.1", server.server().cluster().listenPort())) {
            socket.setSoTimeout(5_000);
            socket.startHandshake();
            return socket.getSession().getPeerCertificates()[0];
        }
    }

    /** The certificate the leafnode port presents once the leaf starts TLS after the hub's INFO. */
    private Certificate leafListenerCertificate() throws IOException {
        int port = server.server().leafNodes().listenPort();
        try (Socket plain = new Socket("127.0.0.1", port)) {
            plain.setSoTimeout(5_000);
            String info = new BufferedReader(new InputStreamReader(plain.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
            assertThat(info).startsWith("INFO ").contains("\"tls_required\":true");
            try (SSLSocket tls = (SSLSocket) TestPki.clientContext(PKI.alice, PKI.ca).getSocketFactory()
                    .createSocket(plain, "127.0.0.1", port, false)) {
                tls.startHandshake();
                return tls.getSession().getPeerCertificates()[0];
            }
        }
    }

    @Test
    void rotatedCertificatesServeNewRouteAndLeafConnectionsAfterAReload() throws Exception {
        assertThat(routeCertificate()).isEqualTo(PKI.server.certificate);
        assertThat(leafListenerCertificate()).isEqualTo(PKI.server.certificate);
        hub.awaitDialWith(PKI.server.certificate);

        useFiles("server-rsa");
        assertThat(server.server().reload(ConfigLoader.load(conf))).isEmpty();

        assertThat(routeCertificate()).isEqualTo(PKI.serverRsa.certificate);
        assertThat(leafListenerCertificate()).isEqualTo(PKI.serverRsa.certificate);
        hub.awaitDialWith(PKI.serverRsa.certificate);
    }

    @Test
    void aRoutePeerWithoutACertificateIsRefusedThoughTheBlockDoesNotSayVerify() throws Exception {
        try (SSLSocket socket = (SSLSocket) TestPki.clientContext(null, PKI.ca).getSocketFactory()
                .createSocket("127.0.0.1", server.server().cluster().listenPort())) {
            socket.setSoTimeout(5_000);
            // TLS 1.3: the server's refusal may only surface at the first read after the handshake
            assertThatThrownBy(() -> {
                socket.startHandshake();
                socket.getInputStream().read();
            }).isInstanceOf(SSLException.class);
        }
    }

    @Test
    void anUnreadableRouteCertificateRefusesTheReloadAndTheOldOneStays() throws Exception {
        var fresh = ConfigLoader.load(conf);
        Files.writeString(dir.resolve("link.pem"), "not a certificate\n");
        assertThat(server.server().reload(fresh)).containsExactly("cluster");
        assertThat(routeCertificate()).isEqualTo(PKI.server.certificate);
    }
}
