package io.jnatsd.launcher;

import io.jnatsd.JnatsdServer;
import io.jnatsd.config.AuthorizationOptions;
import io.jnatsd.config.ServerOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * Has the JIT compile the message path while a freshly started server has no connection yet
 * (docs/PERFORMANCE.md, "The first messages of a fresh server").
 *
 * <p>Why: a JVM runs new code interpreted, then through compiled code that still profiles, and
 * compiles it for good only after thousands of calls. Left to the first real traffic, that
 * work competes with the traffic for the CPU: a fresh server carried its first 100,000 messages
 * at a third of nats-server's rate. The idle time after a start, which a server mostly has
 * (clients reconnect with a delay, an application or a benchmark starts after its server), is
 * used instead: a server of its own in this process, on a loopback port, carries made-up
 * traffic ({@link Traffic}), so that the code the first real messages run is compiled already.
 * The JIT's code and profiles belong to methods, not to servers, so the real server runs it.
 *
 * <p>It keeps out of real work's way: it begins only if the server has had no connection of
 * any kind (client, route, gateway or leaf node) {@link #IDLE_DELAY_NANOS} after it became
 * ready, and stops within a batch (about 1,000 messages, a millisecond or two) once one
 * arrives; a server with links configured does not warm up at all ({@link #wanted}). It is
 * invisible: its own server has no monitoring, no system account and no links, takes only
 * clients with a token made for it, and its log lines are dropped ({@link LogOutput#mute}).
 * It is bounded: {@link #BATCHES} batches or {@link #TIME_LIMIT_NANOS}, whichever ends first.
 * {@code -Djnatsd.warmup=false} turns it off.
 */
final class MessagePathWarmUp {
    static final String PROPERTY = "jnatsd.warmup";
    /** How long the server must have had no connection before the warm-up begins. */
    static final long IDLE_DELAY_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    /**
     * Batches published: about 100,000 messages. On a quiet 2-core machine the warm-up then
     * takes about 1.8 s of CPU, most of it the JIT's; a quarter as many batches left the first
     * 100,000 real messages at half the rate, twice as many made them no faster.
     */
    static final int BATCHES = 100;
    /** An upper bound for a machine too busy to finish sooner. */
    static final long TIME_LIMIT_NANOS = TimeUnit.SECONDS.toNanos(4);
    private static final int READ_TIMEOUT_MILLIS = 5_000;
    /** The smallest write a batch is sent in; writes are up to twice as large. */
    private static final int PIECE = 4001;
    private static final byte[] PONG = "PONG\r\n".getBytes(StandardCharsets.US_ASCII);

    private final LongSupplier connections;
    /**
     * Its own server's token: nobody else on the machine can use that server while it runs
     * (the real server's configuration does not name it).
     */
    private final String token = newToken();
    private final int batches;
    private final long idleDelayNanos;
    private long published;
    /** Written by the drain thread alone. */
    private volatile long received;

    /**
     * @param connections the real server's connections since its start; the warm-up runs while it is 0
     * @param batches how many batches to publish at most
     * @param idleDelayNanos how long to wait for a first connection before beginning
     */
    MessagePathWarmUp(LongSupplier connections, int batches, long idleDelayNanos) {
        this.connections = connections;
        this.batches = batches;
        this.idleDelayNanos = idleDelayNanos;
    }

    /**
     * Whether a server with these options warms up: unless {@code -Djnatsd.warmup=false}, and
     * only a server without cluster, gateway or leaf node configuration. A server with links
     * configured dials or expects them right after its start, and a warm-up that ran until the
     * first arrived would take the CPU that forming them needs (three servers started together
     * were some 70 ms slower to deliver to each other with it).
     */
    static boolean wanted(ServerOptions options) {
        return !"false".equalsIgnoreCase(System.getProperty(PROPERTY))
                && !options.clusterEnabled() && !options.gatewayEnabled() && !options.leafnodesEnabled();
    }

    /**
     * Starts the warm-up on a thread of its own, in a thread group whose log lines {@code log}
     * drops; the threads of the warm-up's own server are made in that group too.
     */
    static Thread startInBackground(JnatsdServer server, LogOutput log) {
        ThreadGroup group = new ThreadGroup("jnatsd-warm-up");
        log.mute(group);
        MessagePathWarmUp warmUp = new MessagePathWarmUp(server.server()::connectionsSinceStart, BATCHES, IDLE_DELAY_NANOS);
        Thread thread = new Thread(group, warmUp::runQuietly, "jnatsd-warm-up");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** Messages published by the last {@link #run}, for tests. */
    long published() {
        return published;
    }

    /** Bytes its subscriber received in the last {@link #run}, for tests. */
    long received() {
        return received;
    }

    /**
     * {@link #run} on the warm-up's thread, whose log lines are dropped: a warm-up that fails
     * (no loopback, the process ending) leaves the real server as it would be without one.
     */
    private void runQuietly() {
        try {
            run();
        } catch (IOException | RuntimeException e) {
            // nothing to undo and nowhere to say it
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits for the idle delay, then publishes batches while the real server stays without connections. */
    void run() throws IOException, InterruptedException {
        LockSupport.parkNanos(idleDelayNanos);
        if (!idle()) {
            return;
        }
        long deadline = System.nanoTime() + TIME_LIMIT_NANOS;
        ServerOptions options = ServerOptions.defaults().toBuilder()
                .host("127.0.0.1").port(-1).noSystemAccount(true).serverName("jnatsd-warm-up")
                .authorization(AuthorizationOptions.token(token)).build();
        try (JnatsdServer own = JnatsdServer.start(options);
             Socket subscriber = connect(own.port());
             Socket publisher = connect(own.port())) {
            Traffic traffic = new Traffic();
            send(subscriber, traffic.subscriptions());
            awaitPong(subscriber.getInputStream());
            Thread drain = drain(subscriber.getInputStream());
            for (int batch = 0; batch < batches && idle() && System.nanoTime() - deadline < 0; batch++) {
                sendInPieces(publisher, traffic.frames(), batch);
                send(publisher, traffic.fresh(batch));
                published += traffic.messagesPerBatch();
                send(subscriber, traffic.subscriptionChange(batch));
                visit(own.port(), traffic, batch);
                awaitPong(publisher.getInputStream());
            }
            subscriber.close();
            drain.join(TimeUnit.SECONDS.toMillis(1));
        }
    }

    /**
     * A batch in writes that end inside frames, as a busy publisher's do: the server then reads
     * frames cut in two at the end of a read, and its parser takes the branches for the rest.
     * The writes' sizes vary, so that the cuts fall into every part of a frame, control lines
     * included, not at the same few places in every batch.
     */
    private static void sendInPieces(Socket socket, byte[] bytes, int batch) throws IOException {
        OutputStream out = socket.getOutputStream();
        int piece = PIECE + batch;
        for (int offset = 0; offset < bytes.length; offset += piece, piece = PIECE + (piece * 31 + 7) % PIECE) {
            out.write(bytes, offset, Math.min(piece, bytes.length - offset));
            out.flush();
        }
    }

    /**
     * A short-lived connection: its CONNECT, its first publish and subscription, its close.
     * What a connection does once is only compiled for good if it is seen while the message
     * path is profiled, not only before; otherwise the first real client sends its code back
     * to the slow tiers.
     */
    private void visit(int port, Traffic traffic, int batch) throws IOException {
        try (Socket visitor = connect(port)) {
            send(visitor, traffic.visit(batch));
            awaitPong(visitor.getInputStream());
        }
    }

    private boolean idle() {
        return connections.getAsLong() == 0;
    }

    private static String newToken() {
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    private Socket connect(int port) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), READ_TIMEOUT_MILLIS);
        socket.setSoTimeout(READ_TIMEOUT_MILLIS);
        socket.setTcpNoDelay(true);
        awaitInfo(socket.getInputStream());
        String connect = "CONNECT {\"verbose\":false,\"pedantic\":false,\"headers\":true,\"no_responders\":true,"
                + "\"protocol\":1,\"name\":\"warm-up\",\"auth_token\":\"" + token + "\"}\r\n";
        send(socket, connect.getBytes(StandardCharsets.US_ASCII));
        return socket;
    }

    private static void send(Socket socket, byte[] bytes) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(bytes);
        out.flush();
    }

    /** Reads the server's INFO line, all it sends before the CONNECT. */
    private static void awaitInfo(InputStream in) throws IOException {
        byte[] buffer = new byte[1024];
        for (int count = in.read(buffer); count >= 0; count = in.read(buffer)) {
            if (count > 0 && buffer[count - 1] == '\n') {
                return;
            }
        }
        throw new IOException("closed before INFO");
    }

    /**
     * Reads until a PONG has come. What comes before it (deliveries to a visitor, a PING of the
     * server's) is skipped, and what shares its read after it (that PING) is dropped: the
     * connections are not verbose and answer no PING in their second or two.
     */
    static void awaitPong(InputStream in) throws IOException {
        byte[] buffer = new byte[512];
        int matched = 0;
        while (matched < PONG.length) {
            int count = in.read(buffer);
            if (count < 0) {
                throw new IOException("closed before PONG");
            }
            for (int i = 0; i < count && matched < PONG.length; i++) {
                matched = buffer[i] == PONG[matched] ? matched + 1 : buffer[i] == PONG[0] ? 1 : 0;
            }
        }
    }

    /** Reads and drops what the subscriber receives until its connection closes. */
    private Thread drain(InputStream in) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[64 * 1024];
            try {
                for (int count = in.read(buffer); count >= 0; count = in.read(buffer)) {
                    received += count;
                }
            } catch (IOException e) {
                // closed by the warm-up at its end
            }
        }, "jnatsd-warm-up-drain");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /**
     * The made-up traffic: what a server's message path meets in real use, so that the JIT
     * compiles every branch of it that real traffic takes (a branch never taken while it
     * profiles is compiled as a trap, which sends the code back to the slow tiers when taken).
     * Subjects of real lengths, runs on one subject with a change now and then, four payload
     * sizes, reply subjects, headers, one, two, a queue group or no subscriber, and subjects
     * never seen before.
     */
    static final class Traffic {
        private static final String[] SUBSCRIPTIONS = {
            "SUB warm.orders.created 1", "SUB warm.metrics.* 2", "SUB warm.jobs g 3", "SUB warm.fan.> 4",
            "SUB warm.fan.out 5", "SUB warm.new.> 6",
        };
        private final byte[] frames;
        private final int fixedMessages;

        Traffic() {
            String small = "x".repeat(16);
            String medium = "y".repeat(128);
            String document = "{\"id\":1,\"v\":\"" + "z".repeat(1000) + "\"}";
            String large = "w".repeat(8 * 1024);
            StringBuilder out = new StringBuilder(256 * 1024);
            int count = 0;
            for (int run = 0; run < 4; run++) {
                // Runs on one subject, as publishers mostly send: a connection keeps the subject
                // it last published to, and a change of subject is the exception.
                for (int i = 0; i < 160; i++, count++) {
                    publish(out, "warm.orders.created", null, null,
                            i % 8 == 7 ? small : i % 32 == 31 ? document : i == 80 ? large : medium);
                }
                for (int i = 0; i < 32; i++, count++) {
                    publish(out, "warm.metrics.cpu", "_INBOX.Zk3b9sQf1ZWPrM.warm." + (i % 4), null, medium);
                }
                for (int i = 0; i < 16; i++, count++) {
                    publish(out, "warm.jobs", null, null, medium);
                }
                for (int i = 0; i < 16; i++, count++) {
                    publish(out, "warm.fan.out", null, null, i % 2 == 0 ? small : medium);
                }
                for (int i = 0; i < 16; i++, count++) {
                    publish(out, "warm.orders.created", i % 2 == 0 ? "_INBOX.Zk3b9sQf1ZWPrM.h" : null,
                            "NATS/1.0\r\nTrace-Id: " + i + "\r\n\r\n", medium);
                }
                for (int i = 0; i < 16; i++, count++) {
                    publish(out, "warm.nobody.listens", null, null, medium);
                }
            }
            this.frames = out.toString().getBytes(StandardCharsets.US_ASCII);
            this.fixedMessages = count;
        }

        private static void publish(StringBuilder frames, String subject, String reply, String headers, String payload) {
            frames.append(headers == null ? "PUB " : "HPUB ").append(subject).append(' ');
            if (reply != null) {
                frames.append(reply).append(' ');
            }
            if (headers != null) {
                frames.append(headers.length()).append(' ').append(headers.length() + payload.length());
            } else {
                frames.append(payload.length());
            }
            frames.append("\r\n");
            if (headers != null) {
                frames.append(headers);
            }
            frames.append(payload).append("\r\n");
        }

        byte[] subscriptions() {
            return (String.join("\r\n", SUBSCRIPTIONS) + "\r\nPING\r\n").getBytes(StandardCharsets.US_ASCII);
        }

        /** The publishes of every batch; {@link #fresh} ends it. */
        byte[] frames() {
            return frames;
        }

        /** The end of batch {@code batch}: a publish to a subject not seen before, and PING. */
        byte[] fresh(int batch) {
            return ("PUB warm.new." + batch + " 5\r\nhello\r\nPING\r\n").getBytes(StandardCharsets.US_ASCII);
        }

        int messagesPerBatch() {
            return fixedMessages + 1;
        }

        /** Every other change subscribes to a new subject, the next unsubscribes it again. */
        byte[] subscriptionChange(int change) {
            int sid = 100 + change / 2;
            String line = change % 2 == 0 ? "SUB warm.c." + sid + " " + sid + "\r\n" : "UNSUB " + sid + "\r\n";
            return line.getBytes(StandardCharsets.US_ASCII);
        }

        /** What a short-lived connection sends after its CONNECT. */
        byte[] visit(int batch) {
            return ("SUB warm.visit." + batch + " 1\r\nPUB warm.visit." + batch + " 5\r\nhello\r\n"
                    + "PUB warm.orders.created 5\r\nhello\r\nUNSUB 1\r\nPING\r\n").getBytes(StandardCharsets.US_ASCII);
        }
    }
}
