package io.jnatsd.tests.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jnatsd.JnatsdServer;
import io.jnatsd.config.ConfigLoader;
import io.jnatsd.config.ServerOptions;
import java.io.IOException;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLServerSocket;
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
    private RemoteTlsListener remote;
    private JnatsdServer server;

    /** Remote gateway B: a TLS listener that records the certificate each dialing server presents, then hangs up. */
    private static final class RemoteTlsListener implements AutoCloseable {
        private final SSLServerSocket socket;
        private final BlockingQueue<Certificate> presented = new LinkedBlockingQueue<>();
        private final Thread acceptor;
        private volatile boolean closed;

        RemoteTlsListener() throws IOException {
            socket = (SSLServerSocket) TestPki.clientContext(PKI.server, PKI.ca).getServerSocketFactory()
                    .createServerSocket(0, 8, InetAddress.getLoopbackAddress());
            socket.setNeedClientAuth(true);
            socket.setSoTimeout(200);
            acceptor = new Thread(this::acceptUntilClosed, "gateway-tls-reload-B");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        private void acceptUntilClosed() {
            while (!closed) {
                try (SSLSocket peer = (SSLSocket) socket.accept()) {
                    peer.setSoTimeout(5_000);
                    peer.startHandshake();
                    presented.add(peer.getSession().getPeerCertificates()[0]);
                } catch (SocketTimeoutException idle) {
                    // look at the closed flag again
                } catch (IOException e) {
                    // a failed handshake or the socket closed: the dialer tries again
                }
            }
        }

        int port() {
            return socket.getLocalPort();
        }

        /** Waits until a dial presents {@code expected}. */
        void awaitDialWith(Certificate expected) {
            await().atMost(Duration.ofSeconds(15)).until(() -> expected.equals(presented.poll(100, TimeUnit.MILLISECONDS)));
        }

        @Override
        public void close() throws IOException {
            closed = true;
            socket.close();
        }
    }

    @BeforeEach
    void start() throws Exception {
        dir = Files.createTempDirectory("jnatsd-gateway-tls-reload-");
        useFiles(PKI.cert("server"), PKI.key("server"));
        remote = new RemoteTlsListener();
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
