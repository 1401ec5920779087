package io.jnatsd.bench.target;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP relay on 127.0.0.1 that counts the bytes it passes each way: put between two servers
 * of a cluster, it measures what really crossed their routes, after compression and TLS, which
 * the servers' own {@code /routez} byte counts (taken before compression) cannot tell.
 *
 * <p>It can also {@link #cut} the relayed connections and tell when the dialling server's first
 * new connection arrived, to time a route that comes up again.
 *
 * <p>Blocking sockets and two threads per relayed connection: a route pool is a handful of
 * connections, and the relay is used for the route-ratio and route-up measurements, not for throughput.
 */
public final class ByteCountingProxy implements AutoCloseable {

    private static final int BUFFER_BYTES = 64 * 1024;

    private final ServerSocket listener;
    private final AtomicLong towardsDialer = new AtomicLong();
    private final AtomicLong towardsListener = new AtomicLong();
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private volatile int upstreamPort;
    /** When the first connection since the last {@link #cut} was accepted; 0 while none was. */
    private volatile long firstAcceptNanos;

    private ByteCountingProxy(ServerSocket listener) {
        this.listener = listener;
    }

    /** Listens on a free port; connections are relayed once {@link #forwardTo} named the upstream port. */
    public static ByteCountingProxy listen() throws IOException {
        ByteCountingProxy proxy = new ByteCountingProxy(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
        Thread acceptor = new Thread(proxy::acceptLoop, "bench-route-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
        return proxy;
    }

    public int port() {
        return listener.getLocalPort();
    }

    void forwardTo(int port) {
        upstreamPort = port;
    }

    /** Bytes the upstream (listening) server sent back to the dialling server. */
    public long bytesTowardsDialer() {
        return towardsDialer.get();
    }

    /** Bytes the dialling server sent to the upstream server. */
    public long bytesTowardsListener() {
        return towardsListener.get();
    }

    /** Closes every relayed connection, as a network failure would; the dialling server dials again. */
    public void cut() {
        firstAcceptNanos = 0;
        for (Socket socket : sockets) {
            closeQuietly(socket);
        }
        sockets.clear();
    }

    /** {@link System#nanoTime} of the first connection accepted since the last {@link #cut}, or 0. */
    public long firstAcceptNanos() {
        return firstAcceptNanos;
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket dialer = listener.accept();
                if (firstAcceptNanos == 0) {
                    firstAcceptNanos = System.nanoTime();
                }
                Socket upstream = new Socket();
                upstream.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), upstreamPort));
                for (Socket socket : new Socket[] {dialer, upstream}) {
                    socket.setTcpNoDelay(true);
                    sockets.add(socket);
                }
                pump(dialer, upstream, towardsListener);
                pump(upstream, dialer, towardsDialer);
            } catch (IOException e) {
                // a refused upstream drops this connection only; the dialler retries like any route
            }
        }
    }

    private void pump(Socket from, Socket to, AtomicLong counter) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[BUFFER_BYTES];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                    out.write(buffer, 0, read);
                    counter.addAndGet(read);
                }
            } catch (IOException e) {
                // one side closed: closing both below ends the other direction too
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "bench-route-proxy-pump");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() {
        closeQuietly(listener);
        sockets.forEach(ByteCountingProxy::closeQuietly);
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // closing at the end of a measurement
        }
    }
}
