package io.jnatsd.tests.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.jnatsd.JnatsdServer;
import io.jnatsd.config.ConfigLoader;
import io.jnatsd.config.ServerOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.Certificate;
import java.util.List;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A reload of a gateway {@code tls} block whose certificate files changed, as nats-server 2.10.27
 * accepts it (checked against it): certificates replaced under the same file names, or named anew,
 * are presented by gateway connections made after the reload, accepted and dialed alike. A change
 * of the block's timeout is still refused, and so is a file that cannot be read when the reload
 * reads it, leaving the old certificate in use.
 */
class GatewayTlsReloadTest {
    private static final TestPki PKI = TestPki.INSTANCE;

    private Path dir;
    private Path conf;
    private CertificateRecorder remote;
    private JnatsdServer server;

    @BeforeEach
    void start() throws Exception {
        dir = Files.createTempDirectory("jnatsd-gateway-tls-reload-");
        useFiles(PKI.cert("server"), PKI.key("server"));
        remote = new CertificateRecorder(PKI);
        conf = dir.resolve("a.conf");
        writeConfig(dir.resolve("gw.pem"), dir.resolve("gw-key.pem"), 10);
        server = JnatsdServer.start(ConfigLoader.load(conf));
    }

    @AfterEach
    void stop() throws IOException {
        if (server != null) {
            server.close();
        }
        remote.close();
    }

    private void useFiles(Path cert, Path key) throws IOException {
        Files.copy(cert, dir.resolve("gw.pem"), StandardCopyOption.REPLACE_EXISTING);
        Files.copy(key, dir.resolve("gw-key.pem"), StandardCopyOption.REPLACE_EXISTING);
    }

    private void writeConfig(Path cert, Path key, int timeoutSeconds) throws IOException {
        Files.writeString(conf, "server_name: A1\nhost: 127.0.0.1\nport: -1\n"
                + "gateway {\n  name: A\n  listen: \"127.0.0.1:-1\"\n"
                + "  tls { cert_file: \"" + cert + "\", key_file: \"" + key + "\", ca_file: \"" + PKI.cert("ca")
                + "\", timeout: " + timeoutSeconds + " }\n"
                + "  gateways: [ { name: B, url: \"nats://127.0.0.1:" + remote.port() + "\" } ]\n}\n");
    }

    private List<String> reload() throws Exception {
        return server.server().reload(ConfigLoader.load(conf));
    }

    /** The certificate the gateway port presents to a new connection. */
    private Certificate acceptorCertificate() throws IOException {
        try (SSLSocket socket = (SSLSocket) TestPki.clientContext(PKI.alice, PKI.ca).getSocketFactory()
                .createSocket("127.0.0.1", server.server().gateways().listenPort())) {
            socket.setSoTimeout(5_000);
            socket.startHandshake();
            return socket.getSession().getPeerCertificates()[0];
        }
    }

    @Test
    void certificatesReplacedUnderTheSameOrNewFileNamesAreUsedByNewGatewayConnections() throws Exception {
        assertThat(acceptorCertificate()).isEqualTo(PKI.server.certificate);
        remote.awaitDialWith(PKI.server.certificate);

        useFiles(PKI.cert("server-rsa"), PKI.key("server-rsa"));
        assertThat(reload()).as("same file names, new certificate").isEmpty();
        assertThat(acceptorCertificate()).isEqualTo(PKI.serverRsa.certificate);
        remote.awaitDialWith(PKI.serverRsa.certificate);

        writeConfig(PKI.cert("server"), PKI.key("server"), 10);
        assertThat(reload()).as("new file names").isEmpty();
        assertThat(acceptorCertificate()).isEqualTo(PKI.server.certificate);
        remote.awaitDialWith(PKI.server.certificate);
    }

    @Test
    void aChangedTimeoutOrAnUnreadableFileRefusesTheReloadAndTheOldCertificateStays() throws Exception {
        writeConfig(PKI.cert("server-rsa"), PKI.key("server-rsa"), 5);
        assertThat(reload()).containsExactly("gateway");

        // read when the configuration loads, then spoilt before the reload reads it again
        writeConfig(dir.resolve("gw.pem"), dir.resolve("gw-key.pem"), 10);
        useFiles(PKI.cert("server-rsa"), PKI.key("server-rsa"));
        ServerOptions fresh = ConfigLoader.load(conf);
        Files.writeString(dir.resolve("gw.pem"), "not a certificate\n");
        assertThat(server.server().reload(fresh)).containsExactly("gateway");
        assertThat(acceptorCertificate()).isEqualTo(PKI.server.certificate);
    }
}
