package io.jnatsd.tests.tls;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * A TLS listener that stands for a peer a server dials with TLS from the first byte (a gateway,
 * a leaf hub with {@code handshake_first}): it asks every dialer for its certificate, records
 * it, and hangs up, so the dialer tries again.
 */
final class CertificateRecorder implements AutoCloseable {
    private final SSLServerSocket socket;
    private final BlockingQueue<Certificate> presented = new LinkedBlockingQueue<>();
    private volatile boolean closed;

    CertificateRecorder(TestPki pki) throws IOException {
        socket = (SSLServerSocket) TestPki.clientContext(pki.server, pki.ca).getServerSocketFactory()
                .createServerSocket(0, 8, InetAddress.getLoopbackAddress());
        socket.setNeedClientAuth(true);
        socket.setSoTimeout(200);
        Thread acceptor = new Thread(this::acceptUntilClosed, "tls-certificate-recorder");
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
