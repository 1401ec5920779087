package io.jnatsd.cluster;

import io.jnatsd.link.ConnectErrorReports;
import io.jnatsd.link.DialError;
import io.jnatsd.transport.EventLoops;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelOption;
import io.netty.channel.ConnectTimeoutException;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dials route connections with nats-server's timing (ROUTES.md §15): a 1 s dial timeout, a 1 s
 * wait between failed attempts (explicit routes forever, implicit ones
 * {@code 1 + connect_retries} times; an explicit route that never connected has its refused dials
 * retried sooner for the first two seconds, see {@link #retryDelayMillis}), 1 s plus up to 100 ms
 * before re-dialing a closed explicit route, and up to 100 ms before re-dial attempts and the pool
 * fills of gossiped peers (a configured route's pool is filled at once, see {@link ReconnectPolicy}).
 * Failures are logged as nats-server logs them ({@code Error trying to connect to route (attempt
 * 3): dial tcp 127.0.0.1:6222: connect: connection refused}), as errors when
 * {@link ConnectErrorReports} says so, else at debug level.
 */
final class RouteDialer {
    private static final Logger LOG = LoggerFactory.getLogger(RouteDialer.class);
    private static final long RETRY_MILLIS = 1000;
    private static final long FAST_RETRY_MILLIS = 50;
    private static final int FAST_RETRIES = 40;

    private final Cluster cluster;
    private final EventLoopGroup loops;
    private final ConnectErrorReports reports;
    private final Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();
    /** The URLs that have connected since the start: their failures are reconnect attempts. */
    private final Set<String> connectedOnce = ConcurrentHashMap.newKeySet();

    RouteDialer(Cluster cluster, EventLoopGroup loops, ConnectErrorReports reports) {
        this.cluster = cluster;
        this.loops = loops;
        this.reports = reports;
    }

    void dial(RouteDial dial) {
        if (cluster.shuttingDown() || !cluster.stillConfigured(dial.url()) || cluster.alreadyConnected(dial)) {
            return;
        }
        // nats-server names the URL's host and the address it resolved; jnatsd resolves while it
        // connects, so a host name shows twice where nats-server shows its IP the second time
        if (LOG.isDebugEnabled()) {
            String hostPort = dial.url().hostPort();
            LOG.debug("Trying to connect to route on {} ({})", hostPort, hostPort);
        }
        RouteConnection connection = cluster.newConnection(dial);
        new Bootstrap()
                .group(loops)
                .channel(EventLoops.socketChannel())
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) RETRY_MILLIS)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(1 << 20, 4 << 20))
                .handler(cluster.tls.solicitor(connection, connection.id(), dial.url().host(), dial.url().port(),
                        connection::close))
                .connect(dial.url().host(), dial.url().port())
                .addListener(future -> {
                    if (future.isSuccess()) {
                        failures.remove(attemptsKey(dial));
                        connectedOnce.add(dial.url().hostPort());
                    } else {
                        cluster.connectionAbandoned(connection);
                        failed(dial, future.cause());
                    }
                });
    }

    private void failed(RouteDial dial, Throwable cause) {
        String hostPort = dial.url().hostPort();
        int attempt = failures.computeIfAbsent(attemptsKey(dial), k -> new AtomicInteger()).incrementAndGet();
        boolean firstConnect = !connectedOnce.contains(hostPort);
        String why = DialError.describe(dial.url().host(), dial.url().port(), cause);
        if (reports.asError(firstConnect, attempt)) {
            LOG.error("Error trying to connect to route (attempt {}): {}", attempt, why);
        } else {
            LOG.debug("Error trying to connect to route (attempt {}): {}", attempt, why);
        }
        RouteDial next = dial.afterFailure();
        if (dial.pinnedAccount() != null || dial.poolIndex() != 0 || next.exhausted()) {
            cluster.fillDialFailed(dial);
            return;
        }
        boolean explicit = dial.attemptsLeft() == RouteDial.FOREVER;
        loops.schedule(() -> dial(next), retryDelayMillis(cause, attempt, explicit && firstConnect),
                TimeUnit.MILLISECONDS);
    }

    /**
     * Attempts are counted per URL and connection (pool slot or pinned account), as nats-server
     * counts them per connection it re-dials: the dials for a peer's lost connections each log
     * their own attempt 1, not 1, 2, 3 in the same millisecond.
     */
    private static String attemptsKey(RouteDial dial) {
        return dial.url().hostPort() + ' ' + dial.poolIndex() + ' ' + dial.pinnedAccount();
    }

    /**
     * nats-server waits a fixed second after every failed dial. An explicit route's refused dial
     * (nothing listens there yet) is retried every 50 ms for its first 40 attempts, then every
     * second, until the route has connected once ({@code fastRetries}); a route lost later is
     * re-dialed every second, as nats-server does, so its error lines come at nats-server's pace:
     * servers started together find each other within 50 ms of the peer listening,
     * although a JVM takes longer than a Go binary to open its route port. Only the peer's port
     * sees the extra SYNs, answered at once with a reset; timeouts already took a second, other
     * errors wait the full second, and implicit routes keep nats-server's second so their
     * {@code connect_retries} span what they span there.
     */
    static long retryDelayMillis(Throwable cause, int attempt, boolean fastRetries) {
        boolean refused = cause instanceof ConnectException && !(cause instanceof ConnectTimeoutException);
        return refused && fastRetries && attempt <= FAST_RETRIES ? FAST_RETRY_MILLIS : RETRY_MILLIS;
    }

    /** Dials after a random pause of up to 100 ms (implicit re-dials). */
    void dialSoon(RouteDial dial) {
        soon(() -> dial(dial));
    }

    /** Runs {@code task} on an event loop as soon as it is free (a fill of a configured route). */
    void now(Runnable task) {
        loops.execute(task);
    }

    /** Runs {@code task} after a random pause of up to 100 ms (pool filling, re-dials). */
    void soon(Runnable task) {
        loops.schedule(task, ThreadLocalRandom.current().nextLong(101), TimeUnit.MILLISECONDS);
    }

    /** Re-dials a closed explicit route after 1 s plus up to 100 ms. */
    void redial(RouteDial dial) {
        loops.schedule(() -> dial(dial), RETRY_MILLIS + ThreadLocalRandom.current().nextLong(101), TimeUnit.MILLISECONDS);
    }

    /** Runs {@code retry} after the fixed pause between failed attempts. */
    void later(Runnable retry) {
        loops.schedule(retry, RETRY_MILLIS, TimeUnit.MILLISECONDS);
    }

    void dialOnce(RouteDial dial) {
        loops.execute(() -> dial(dial));
    }

    /** Whether a URL points at this server's own cluster port (a seed list may include us). */
    boolean isSelf(RouteUrl url, int ourPort) {
        if (url.port() != ourPort) {
            return false;
        }
        try {
            for (InetAddress address : InetAddress.getAllByName(url.host())) {
                if (address.isLoopbackAddress() || address.isAnyLocalAddress()
                        || NetworkInterface.getByInetAddress(address) != null) {
                    return true;
                }
            }
        } catch (UnknownHostException | SocketException e) {
            return false;
        }
        return false;
    }

    /** Whether a gossiped URL is one of our explicit routes (the explicit dialer owns it). */
    boolean isConfigured(RouteUrl url, List<URI> routes) {
        for (URI route : routes) {
            if (route.getPort() == url.port() && sameHost(route.getHost(), url.host())) {
                return true;
            }
        }
        return false;
    }

    private static boolean sameHost(String a, String b) {
        if (a.equalsIgnoreCase(b)) {
            return true;
        }
        try {
            return InetAddress.getByName(a).equals(InetAddress.getByName(b));
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
