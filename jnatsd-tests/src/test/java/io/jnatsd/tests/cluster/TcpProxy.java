package io.jnatsd.tests.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntPredicate;

/**
 * A TCP proxy on 127.0.0.1 in front of one port, for network faults between two servers: it can
 * drop links (both sockets closed, as a network reset) or stall them (bytes held, nothing closed:
 * a half-open connection). Links accepted after a stall flow normally. It counts the links it
 * accepted and the bytes it relayed, so a test can tell that traffic really took this path. One
 * thread per direction.
 */
final class TcpProxy implements AutoCloseable {
    private final ServerSocket listener;
    private final int targetPort;
    private final List<Link> links = new CopyOnWriteArrayList<>();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong relayedBytes = new AtomicLong();
    private volatile boolean closed;

    TcpProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptLoop, "proxy-accept-" + listener.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return listener.getLocalPort();
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket();
                try {
                    server.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort), 1000);
                } catch (IOException refused) {
                    client.close();
                    continue;
                }
                Link link = new Link(client, server);
                links.add(link);
                accepted.incrementAndGet();
                link.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    /** Links accepted since the proxy started, closed ones included. */
    long acceptedLinks() {
        return accepted.get();
    }

    /** Bytes relayed in both directions since the proxy started. */
    long relayedBytes() {
        return relayedBytes.get();
    }

    /** The source ports of the live links: the dialing side's local ports. */
    List<Integer> clientPorts() {
        List<Integer> ports = new ArrayList<>();
        for (Link link : links) {
            if (!link.closed) {
                ports.add(link.client.getPort());
            }
        }
        return ports;
    }

    /** Closes the links whose dialing side used a matching local port. */
    void drop(IntPredicate clientPort) {
        for (Link link : links) {
            if (clientPort.test(link.client.getPort())) {
                link.close();
            }
        }
    }

    /** From now on the current links forward nothing and close nothing. */
    void stallAll() {
        for (Link link : links) {
            link.stalled = true;
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        listener.close();
        for (Link link : links) {
            link.close();
        }
    }

    private final class Link {
        final Socket client;
        final Socket server;
        volatile boolean stalled;
        volatile boolean closed;

        Link(Socket client, Socket server) {
            this.client = client;
            this.server = server;
        }

        void start() throws IOException {
            pump(client.getInputStream(), server.getOutputStream(), "up");
            pump(server.getInputStream(), client.getOutputStream(), "down");
        }

        private void pump(InputStream in, OutputStream out, String direction) {
            Thread thread = new Thread(() -> {
                byte[] buffer = new byte[16 * 1024];
                try {
                    int n;
                    while ((n = in.read(buffer)) >= 0) {
                        if (awaitUnstalledOrClosed()) {
                            return;
                        }
                        out.write(buffer, 0, n);
                        out.flush();
                        relayedBytes.addAndGet(n);
                    }
                } catch (IOException | InterruptedException e) {
                    // the link ends
                }
                if (!stalled) {
                    close();
                }
            }, "proxy-" + direction + "-" + client.getPort());
            thread.setDaemon(true);
            thread.start();
        }

        /** Holds the bytes while the link is stalled; true when the link closed meanwhile. */
        private synchronized boolean awaitUnstalledOrClosed() throws InterruptedException {
            while (stalled && !closed) {
                wait(100);
            }
            return closed;
        }

        synchronized void close() {
            if (closed) {
                return;
            }
            closed = true;
            notifyAll();
            try {
                client.close();
            } catch (IOException ignored) {
                // already gone
            }
            try {
                server.close();
            } catch (IOException ignored) {
                // already gone
            }
            links.remove(this);
        }
    }
}
