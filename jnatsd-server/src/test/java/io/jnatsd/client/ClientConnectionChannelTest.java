package io.jnatsd.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.jnatsd.config.ServerOptions;
import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ResourceLeakDetector;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * ClientConnection in an EmbeddedChannel, fed split input: the bytes it writes must not depend
 * on how the input was split, and every buffer it allocates must be released once it closes.
 */
class ClientConnectionChannelTest {
    private static final String SESSION = "CONNECT {\"verbose\":false,\"pedantic\":false,\"headers\":true}\r\n"
            + "SUB foo 1\r\nSUB bar q 2\r\nPUB foo 5\r\nhello\r\nPUB bar reply 2\r\nhi\r\n"
            + "HPUB foo 12 14\r\nNATS/1.0\r\n\r\nhi\r\nUNSUB 1\r\nPUB foo 1\r\nx\r\nPING\r\n";
    private static final String SESSION_OUTPUT = "MSG foo 1 5\r\nhello\r\nMSG bar 2 reply 2\r\nhi\r\n"
            + "HMSG foo 1 12 14\r\nNATS/1.0\r\n\r\nhi\r\nPONG\r\n";

    private final TrackingAllocator allocator = new TrackingAllocator();
    private TestEnvironment environment = new TestEnvironment(ServerOptions.defaults());
    private final List<EmbeddedChannel> channels = new ArrayList<>();

    @BeforeAll
    static void paranoidLeakDetection() {
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
    }

    @AfterEach
    void everyBufferIsReleasedOnceTheConnectionsClose() {
        for (EmbeddedChannel channel : channels) {
            channel.close();
            channel.runPendingTasks();
            channel.finishAndReleaseAll();
        }
        assertThat(allocator.unreleased()).as("of %d allocated buffers", allocator.allocations()).isEmpty();
    }

    @Test
    void aSessionAnswersTheSameHoweverItsInputIsSplit() {
        byte[] input = SESSION.getBytes(StandardCharsets.US_ASCII);
        for (int at = 1; at < input.length; at++) {
            assertThat(replay(input, new int[] {at, input.length - at})).as("split at %d", at).isEqualTo(SESSION_OUTPUT);
        }
        int[] ones = new int[input.length];
        java.util.Arrays.fill(ones, 1);
        assertThat(replay(input, ones)).as("byte by byte").isEqualTo(SESSION_OUTPUT);
        Random random = new Random(42);
        for (int round = 0; round < 50; round++) {
            assertThat(replay(input, randomChunks(input.length, random))).as("round %d", round).isEqualTo(SESSION_OUTPUT);
        }
    }

    @Test
    void aFramingErrorInSplitInputSendsTheErrorAndCloses() {
        byte[] input = "CONNECT {\"verbose\":false}\r\nPUB foo 2\r\nabc\r\n".getBytes(StandardCharsets.US_ASCII);
        for (int at = 1; at < input.length; at++) {
            EmbeddedChannel channel = open();
            feed(channel, input, new int[] {at, input.length - at});
            assertThat(drain(channel)).as("split at %d", at).isEqualTo("-ERR 'Unknown Protocol Operation'\r\n");
            assertThat(channel.isOpen()).isFalse();
        }
    }

    @Test
    void aClientWithoutHeaderSupportReceivesTheBodyOnly() {
        EmbeddedChannel receiver = open();
        EmbeddedChannel publisher = open();
        feed(receiver, "CONNECT {\"verbose\":false,\"headers\":false}\r\nSUB h.2 1\r\nPING\r\n");
        assertThat(drain(receiver)).isEqualTo("PONG\r\n");
        feed(publisher, "CONNECT {\"verbose\":false,\"headers\":true}\r\nHPUB h.2 rep 12 12\r\nNATS/1.0\r\n\r\n\r\n"
                + "HPUB h.2 20 25\r\nNATS/1.0\r\nX-A: 1\r\n\r\nhello\r\n");
        assertThat(drain(receiver)).isEqualTo("MSG h.2 1 rep 0\r\n\r\nMSG h.2 1 5\r\nhello\r\n");
    }

    @Test
    void aPayloadSplitAcrossManyReadsIsDeliveredWhole() {
        EmbeddedChannel subscriber = open();
        EmbeddedChannel publisher = open();
        feed(subscriber, "CONNECT {\"verbose\":false}\r\nSUB big 1\r\nPING\r\n");
        assertThat(drain(subscriber)).isEqualTo("PONG\r\n");
        String payload = "0123456789".repeat(10_000);
        byte[] input = ("CONNECT {\"verbose\":false}\r\nPUB big " + payload.length() + "\r\n" + payload + "\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        feed(publisher, input, randomChunks(input.length, new Random(1)));
        assertThat(drain(subscriber)).isEqualTo("MSG big 1 " + payload.length() + "\r\n" + payload + "\r\n");
    }

    /** Each replay gets its own server, so earlier replays' subscriptions cannot take its messages. */
    private String replay(byte[] input, int[] chunks) {
        environment = new TestEnvironment(ServerOptions.defaults());
        EmbeddedChannel channel = open();
        feed(channel, input, chunks);
        return drain(channel);
    }

    private EmbeddedChannel open() {
        EmbeddedChannel channel = new TcpLikeChannel();
        channel.config().setAllocator(allocator);
        channel.pipeline().addLast(new ClientConnection(environment));
        try {
            channel.register();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        channels.add(channel);
        assertThat(drain(channel)).startsWith("INFO {");
        return channel;
    }

    private void feed(EmbeddedChannel channel, String input) {
        byte[] bytes = input.getBytes(StandardCharsets.US_ASCII);
        feed(channel, bytes, new int[] {bytes.length});
    }

    private void feed(EmbeddedChannel channel, byte[] input, int[] chunks) {
        int offset = 0;
        for (int chunk : chunks) {
            if (!channel.isOpen()) {
                break;
            }
            ByteBuf read = allocator.buffer(chunk);
            read.writeBytes(input, offset, chunk);
            offset += chunk;
            channel.writeInbound(read);
            channel.runPendingTasks();
        }
    }

    /** Everything the connection wrote since the last drain. */
    private static String drain(EmbeddedChannel channel) {
        channel.runPendingTasks();
        StringBuilder out = new StringBuilder();
        for (ByteBuf written = channel.readOutbound(); written != null; written = channel.readOutbound()) {
            out.append(written.toString(StandardCharsets.UTF_8));
            written.release();
        }
        return out.toString();
    }

    /** An EmbeddedChannel with socket addresses, as ClientConnection expects of a TCP connection. */
    private static final class TcpLikeChannel extends EmbeddedChannel {
        TcpLikeChannel() {
            super(false, true);
        }

        @Override
        protected SocketAddress remoteAddress0() {
            return new InetSocketAddress("127.0.0.1", 50000);
        }

        @Override
        protected SocketAddress localAddress0() {
            return new InetSocketAddress("127.0.0.1", 4222);
        }
    }

    private static int[] randomChunks(int length, Random random) {
        List<Integer> chunks = new ArrayList<>();
        for (int remaining = length; remaining > 0; ) {
            int size = Math.min(remaining, 1 + random.nextInt(random.nextBoolean() ? 10 : 5000));
            chunks.add(size);
            remaining -= size;
        }
        return chunks.stream().mapToInt(Integer::intValue).toArray();
    }
}
