package io.jnatsd.transport.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;

/** The frame codec alone, fed whole, split and byte by byte, with nats-server's close texts. */
class WebsocketCodecTest {
    private static final Random RANDOM = new Random(11);

    /** What reached the client handler: the protocol bytes, and the errors fired. */
    private static final class Received extends ChannelInboundHandlerAdapter {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final List<Throwable> errors = new ArrayList<>();

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf buf = (ByteBuf) msg;
            bytes.writeBytes(ByteBufUtil.getBytes(buf));
            buf.release();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            errors.add(cause);
        }

        String text() {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }

    private final Received received = new Received();
    private String reason = "Client Closed";

    private EmbeddedChannel channel(boolean compress) {
        return new EmbeddedChannel(new WebsocketCodec(true, compress, 1 << 20, () -> reason), received);
    }

    static byte[] frame(int opcode, byte[] payload, boolean masked, boolean fin, boolean rsv1) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write((fin ? 0x80 : 0) | (rsv1 ? 0x40 : 0) | opcode);
        int maskBit = masked ? 0x80 : 0;
        if (payload.length < 126) {
            out.write(maskBit | payload.length);
        } else if (payload.length < 65536) {
            out.write(maskBit | 126);
            out.write(payload.length >> 8);
            out.write(payload.length);
        } else {
            out.write(maskBit | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                out.write((int) ((long) payload.length >> shift));
            }
        }
        byte[] body = payload.clone();
        if (masked) {
            byte[] key = new byte[4];
            RANDOM.nextBytes(key);
            out.writeBytes(key);
            for (int i = 0; i < body.length; i++) {
                body[i] ^= key[i & 3];
            }
        }
        out.writeBytes(body);
        return out.toByteArray();
    }

    static byte[] data(String text) {
        return frame(2, text.getBytes(StandardCharsets.UTF_8), true, true, false);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    /** Feeds the bytes in random pieces (sometimes one byte at a time). */
    private static void feed(EmbeddedChannel channel, byte[] bytes, boolean byteByByte) {
        int at = 0;
        while (at < bytes.length) {
            int n = byteByByte ? 1 : Math.min(bytes.length - at, 1 + RANDOM.nextInt(300));
            channel.writeInbound(Unpooled.copiedBuffer(bytes, at, n));
            at += n;
        }
    }

    private static List<byte[]> written(EmbeddedChannel channel) {
        List<byte[]> frames = new ArrayList<>();
        ByteBuf out;
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        while ((out = channel.readOutbound()) != null) {
            all.writeBytes(ByteBufUtil.getBytes(out));
            out.release();
        }
        byte[] bytes = all.toByteArray();
        int at = 0;
        while (at < bytes.length) {
            int length = bytes[at + 1] & 0x7f;
            int headerLength = 2;
            if (length == 126) {
                length = ((bytes[at + 2] & 0xff) << 8) | (bytes[at + 3] & 0xff);
                headerLength = 4;
            } else if (length == 127) {
                length = (int) java.nio.ByteBuffer.wrap(bytes, at + 2, 8).getLong();
                headerLength = 10;
            }
            frames.add(Arrays.copyOfRange(bytes, at, at + headerLength + length));
            at += headerLength + length;
        }
        return frames;
    }

    private static String closeText(byte[] frame) {
        return new String(frame, 4, frame.length - 4, StandardCharsets.UTF_8);
    }

    private static int closeStatus(byte[] frame) {
        return ((frame[2] & 0xff) << 8) | (frame[3] & 0xff);
    }

    @Test
    void framesOfAnySizeAndFragmentsArriveAsTheProtocolTheyCarryHoweverTheyAreSplit() {
        for (boolean byteByByte : new boolean[] {false, true}) {
            Received fresh = new Received();
            EmbeddedChannel channel = new EmbeddedChannel(new WebsocketCodec(true, false, 1 << 20, () -> reason), fresh);
            String big = "x".repeat(70_000);
            String medium = "y".repeat(300);
            byte[] input = concat(data("PING\r\n"), data(medium),
                    frame(2, "PU".getBytes(StandardCharsets.US_ASCII), true, false, false),
                    frame(9, "p".getBytes(StandardCharsets.US_ASCII), true, true, false),   // a ping between fragments
                    frame(0, "B a 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII), true, true, false),
                    data(big), frame(2, new byte[0], true, true, false));
            feed(channel, input, byteByByte);
            assertThat(fresh.text()).isEqualTo("PING\r\n" + medium + "PUB a 0\r\n\r\n" + big);
            List<byte[]> out = written(channel);
            assertThat(out).hasSize(1);
            assertThat(out.get(0)).containsExactly(0x8a, 1, 'p');
            assertThat(fresh.errors).isEmpty();
            channel.finishAndReleaseAll();
        }
    }

    @Test
    void compressedMessagesAreInflatedAndLargeWritesDeflatedSmallOnesNot() {
        EmbeddedChannel channel = channel(true);
        String text = "PUB a 200\r\n" + "z".repeat(200) + "\r\n";
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        deflater.setInput(text.getBytes(StandardCharsets.US_ASCII));
        byte[] buffer = new byte[1024];
        int n = deflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH);
        byte[] compressed = Arrays.copyOf(buffer, n - 4);
        int half = compressed.length / 2;
        feed(channel, concat(frame(2, Arrays.copyOf(compressed, half), true, false, true),
                frame(0, Arrays.copyOfRange(compressed, half, compressed.length), true, true, false)), false);
        assertThat(received.text()).isEqualTo(text);

        channel.writeOutbound(Unpooled.copiedBuffer("PONG\r\n", StandardCharsets.US_ASCII));
        channel.writeOutbound(Unpooled.copiedBuffer(text, StandardCharsets.US_ASCII));
        List<byte[]> out = written(channel);
        assertThat(out.get(0)).startsWith(0x82, 6);
        assertThat(out.get(1)[0] & 0xff).isEqualTo(0xc2);   // final, compressed, binary
        assertThat(MessageCompressionTestSupport.inflate(Arrays.copyOfRange(out.get(1), 2, out.get(1).length)))
                .isEqualTo(text);
        channel.finishAndReleaseAll();
    }

    @Test
    void brokenFramingEndsTheConnectionAsAReadErrorWithNatsServersTexts() {
        assertThat(failure(frame(2, "x".getBytes(StandardCharsets.US_ASCII), false, true, false))).isEqualTo("mask bit missing");
        assertThat(failure(frame(9, new byte[126], true, true, false)))
                .isEqualTo("control frame length bigger than maximum allowed of 125 bytes");
        assertThat(failure(frame(9, new byte[1], true, false, false))).isEqualTo("control frame does not have final bit set");
        assertThat(failure(concat(frame(2, new byte[1], true, false, false), frame(2, new byte[1], true, true, false))))
                .isEqualTo("new message started before final frame for previous message was received");
        assertThat(failure(frame(0, new byte[1], true, true, false))).isEqualTo("invalid continuation frame");
        assertThat(failure(frame(3, new byte[0], true, true, false))).isEqualTo("unknown opcode 3");
    }

    /** The error the client handler hears; nothing is written back (nats-server's close frame never leaves). */
    private String failure(byte[] input) {
        Received fresh = new Received();
        EmbeddedChannel channel = new EmbeddedChannel(new WebsocketCodec(true, false, 1 << 20, () -> reason), fresh);
        feed(channel, concat(input, data("PING\r\n")), false);
        assertThat(fresh.errors).hasSize(1);
        assertThat(fresh.text()).doesNotContain("PING");
        assertThat(written(channel)).isEmpty();
        channel.close();
        assertThat(written(channel)).isEmpty();
        channel.finishAndReleaseAll();
        return fresh.errors.get(0).getMessage();
    }

    @Test
    void aCloseFrameIsEchoedAndABadBodyGetsStatus1007() {
        EmbeddedChannel channel = channel(false);
        feed(channel, frame(8, new byte[] {0x03, (byte) 0xe9, 'o', 'k'}, true, true, false), false);
        channel.runPendingTasks();   // the close waits for the read's end (its replies go first)
        byte[] echo = written(channel).get(0);
        assertThat(closeStatus(echo)).isEqualTo(1001);
        assertThat(closeText(echo)).isEqualTo("ok");
        assertThat(channel.isOpen()).isFalse();

        EmbeddedChannel bad = new EmbeddedChannel(new WebsocketCodec(true, false, 1 << 20, () -> reason), new Received());
        feed(bad, frame(8, new byte[] {0x03, (byte) 0xe8, (byte) 0xff}, true, true, false), false);
        bad.runPendingTasks();
        byte[] answer = written(bad).get(0);
        assertThat(closeStatus(answer)).isEqualTo(1007);
        assertThat(closeText(answer)).isEqualTo("invalid utf8 body in close frame");
    }

    @Test
    void theServersCloseSendsTheStatusOfItsReason() {
        reason = "Slow Consumer (Pending Bytes)";
        EmbeddedChannel channel = channel(false);
        channel.close();
        byte[] close = written(channel).get(0);
        assertThat(closeStatus(close)).isEqualTo(1008);
        assertThat(closeText(close)).isEqualTo("Slow Consumer (Pending Bytes)");
        assertThat(CloseStatus.forReason("Server Shutdown")).isEqualTo(1001);
        assertThat(CloseStatus.forReason("Client Closed")).isEqualTo(1000);
        assertThat(CloseStatus.forReason("Stale Connection")).isEqualTo(1006);
        assertThat(CloseStatus.forReason("maximum payload exceeded: 10 vs 5")).isEqualTo(1009);
        assertThat(CloseStatus.payload(1000, "x".repeat(200))).hasSize(125).endsWith('.', '.', '.');
    }
}
