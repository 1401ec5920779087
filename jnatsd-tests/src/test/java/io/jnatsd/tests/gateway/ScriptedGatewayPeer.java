package io.jnatsd.tests.gateway;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A one-server gateway cluster {@code C} spoken over raw sockets, as an older nats-server that does
 * not announce {@code gateway_iom} (GATEWAYS.md §4.4): it dials the server under test, which then
 * dials it back (an implicit remote); on that connection the server sends messages to C and C sends
 * its answers — RS-, A-, A+, the {@code gateway_cmd} 2/3 switch — through {@link #send}. Every
 * message received is handed to a listener on the reading thread, then queued.
 */
final class ScriptedGatewayPeer implements AutoCloseable {
    /** One RMSG/HMSG the server sent to C; {@code reply} null without one. */
    record Received(String account, String subject, String reply, String payload) {
    }

    private static final String CONNECT = "CONNECT {\"echo\":false,\"verbose\":false,\"pedantic\":false,"
            + "\"tls_required\":false,\"headers\":false,\"name\":\"NSCRIPTEDC\",\"cluster\":\"\",\"gateway\":\"C\"}\r\n";

    private final ServerSocket listener;
    private final Socket inbound;
    private Socket outbound;
    private OutputStream toServer;
    private OutputStream toInbound;
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> interestLines = new LinkedBlockingQueue<>();
    private final Semaphore pongs = new Semaphore(0);
    private volatile Consumer<Received> onMessage = m -> { };

    private ScriptedGatewayPeer(int serverGatewayPort) throws IOException {
        listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        inbound = new Socket("127.0.0.1", serverGatewayPort);
        inbound.setSoTimeout(0);
    }

    /** Connects to the server's gateway port and accepts its dial-back; returns when both links stand. */
    static ScriptedGatewayPeer join(int serverGatewayPort) throws IOException {
        ScriptedGatewayPeer peer = new ScriptedGatewayPeer(serverGatewayPort);
        peer.handshake();
        return peer;
    }

    private String info() {
        String url = "127.0.0.1:" + listener.getLocalPort();
        return "INFO {\"server_id\":\"NSCRIPTEDC\",\"server_name\":\"C1\",\"version\":\"2.8.4\",\"proto\":0,\"go\":\"\","
                + "\"host\":\"127.0.0.1\",\"port\":" + listener.getLocalPort() + ",\"headers\":true,\"max_payload\":1048576,"
                + "\"gateway\":\"C\",\"gateway_urls\":[\"" + url + "\"],\"gateway_url\":\"" + url + "\",\"gateway_nrp\":true}\r\n";
    }

    private void handshake() throws IOException {
        InputStream fromInbound = new BufferedInputStream(inbound.getInputStream());
        readLine(fromInbound);
        toInbound = inbound.getOutputStream();
        toInbound.write((CONNECT + info()).getBytes(StandardCharsets.UTF_8));
        toInbound.flush();
        reader("inbound", fromInbound, toInbound, interestLines).start();
        listener.setSoTimeout(10_000);
        outbound = listener.accept();
        toServer = outbound.getOutputStream();
        send(info());
        reader("outbound", new BufferedInputStream(outbound.getInputStream()), toServer, new LinkedBlockingQueue<>()).start();
    }

    /** Runs on the reading thread for every message before it is queued (C's automatic answers). */
    void onMessage(Consumer<Received> answer) {
        this.onMessage = answer;
    }

    /** Lines C sends on the connection the server dialed (interest and commands). */
    synchronized void send(String lines) throws IOException {
        toServer.write(lines.getBytes(StandardCharsets.UTF_8));
        toServer.flush();
    }

    /** Lines C sends on the connection it dialed: messages for the server's cluster. */
    synchronized void sendOnDialed(String lines) throws IOException {
        toInbound.write(lines.getBytes(StandardCharsets.UTF_8));
        toInbound.flush();
    }

    /**
     * PING on the connection C dialed and waits for the PONG: the server has processed what C sent
     * there, and every line it answered before is in {@link #nextInterestLine}'s queue.
     */
    void syncDialed() throws IOException, InterruptedException {
        pongs.drainPermits();
        sendOnDialed("PING\r\n");
        if (!pongs.tryAcquire(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("no PONG from the server");
        }
    }

    /** The lines already received on the connection C dialed, without waiting. */
    List<String> drainInterestLines() {
        List<String> lines = new ArrayList<>();
        interestLines.drainTo(lines);
        return lines;
    }

    /** Sends PING and waits for the PONG: everything sent before has been processed. */
    void sync() throws IOException, InterruptedException {
        pongs.drainPermits();
        send("PING\r\n");
        if (!pongs.tryAcquire(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("no PONG from the server");
        }
    }

    /** The next message of account {@code $G}, or null after {@code timeout}. */
    Received next(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Received message = received.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (message == null || message.account().equals("$G")) {
                return message;
            }
        }
    }

    /**
     * The next line the server sent on the connection C dialed (its interest and commands, no
     * PING/PONG), or null after {@code timeout}.
     */
    String nextInterestLine(Duration timeout) throws InterruptedException {
        return interestLines.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private Thread reader(String name, InputStream in, OutputStream out, BlockingQueue<String> lines) {
        Thread thread = new Thread(() -> {
            try {
                while (true) {
                    String line = readLine(in);
                    if (line.equals("PING")) {
                        synchronized (this) {
                            out.write("PONG\r\n".getBytes(StandardCharsets.UTF_8));
                            out.flush();
                        }
                    } else if (line.equals("PONG")) {
                        pongs.release();
                    } else if (line.startsWith("RMSG ") || line.startsWith("HMSG ")) {
                        String[] parts = line.split(" ");
                        int size = Integer.parseInt(parts[parts.length - 1]);
                        byte[] payload = in.readNBytes(size + 2);
                        Received message = new Received(parts[1], parts[2], reply(parts),
                                new String(payload, 0, size, StandardCharsets.UTF_8));
                        onMessage.accept(message);
                        received.add(message);
                    } else {
                        lines.add(line);
                    }
                }
            } catch (IOException closed) {
                // the socket closed: the test is over, or the server dropped C
            }
        }, "scripted-gateway-C-" + name);
        thread.setDaemon(true);
        return thread;
    }

    /** The reply of {@code RMSG acc subject [reply | + reply queues... | \| queues...] size}. */
    private static String reply(String[] parts) {
        if (parts.length < 5 || parts[3].equals("|")) {
            return null;
        }
        return parts[3].equals("+") ? parts[4] : parts[3];
    }

        private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                String text = line.toString(StandardCharsets.UTF_8);
                return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
            }
            line.write(b);
        }
        throw new IOException("closed");
    }

    @Override
    public void close() throws IOException {
        inbound.close();
        if (outbound != null) {
            outbound.close();
        }
        listener.close();
    }
}
