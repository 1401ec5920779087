package io.jnatsd.transport.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The client side of a leaf node's websocket upgrade: the request nats-server's Go HTTP client
 * writes, the checks of the answer, and the frames after it (in the same read or later) reaching
 * the link as NATS protocol.
 */
class WebsocketUpgradeClientTest {
    private final List<String> failures = new ArrayList<>();
    private final StringBuilder received = new StringBuilder();

    private EmbeddedChannel channel(boolean compress, boolean noMasking) {
        WebsocketUpgradeClient upgrade = new WebsocketUpgradeClient("127.0.0.1:7422", "", compress, noMasking,
                1 << 20, () -> "Client Closed", failures::add);
        return new EmbeddedChannel(upgrade, new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                ByteBuf in = (ByteBuf) msg;
                received.append(in.toString(StandardCharsets.UTF_8));
                in.release();
            }
        });
    }

    private static String written(EmbeddedChannel channel) {
        StringBuilder out = new StringBuilder();
        for (ByteBuf buf = channel.readOutbound(); buf != null; buf = channel.readOutbound()) {
            out.append(buf.toString(StandardCharsets.ISO_8859_1));
            buf.release();
        }
        return out.toString();
    }

    private static String key(String request) {
        Matcher m = Pattern.compile("Sec-WebSocket-Key: (\\S+)\r\n").matcher(request);
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    private static byte[] frame(String text) {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[payload.length + 4];
        out[0] = (byte) 0x82;
        out[1] = 126;
        out[2] = (byte) (payload.length >> 8);
        out[3] = (byte) payload.length;
        System.arraycopy(payload, 0, out, 4, payload.length);
        return out;
    }

    @Test
    void theRequestIsGosAndTheFramesAfterTheAnswerReachTheLink() {
        EmbeddedChannel channel = channel(false, false);
        String request = written(channel);
        assertThat(request).matches("GET /leafnode HTTP/1.1\r\nHost: 127.0.0.1:7422\r\nUser-Agent: Go-http-client/1.1\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: [A-Za-z0-9+/]{22}==\r\nSec-WebSocket-Version: 13\r\n"
                + "Upgrade: websocket\r\n\r\n");
        String info = "INFO {\"server_id\":\"" + "N".repeat(200) + "\"} \r\n";
        String answer = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: " + HandshakeResponses.acceptKey(key(request)) + "\r\n\r\n";
        byte[] head = answer.getBytes(StandardCharsets.US_ASCII);
        byte[] first = frame(info);
        channel.writeInbound(Unpooled.wrappedBuffer(head, first));
        assertThat(failures).isEmpty();
        assertThat(received.toString()).isEqualTo(info);
        channel.writeInbound(Unpooled.wrappedBuffer(frame("PING\r\n")));
        assertThat(received.toString()).isEqualTo(info + "PING\r\n");
    }

    @Test
    void whatTheLinkWritesIsMaskedUnlessTheServerAgreedToNoMasking() {
        for (boolean agreed : new boolean[] {false, true}) {
            EmbeddedChannel channel = channel(false, true);
            String request = written(channel);
            assertThat(request).contains("Connection: Upgrade\r\nNats-No-Masking: true\r\nSec-WebSocket-Key: ");
            channel.writeInbound(Unpooled.wrappedBuffer(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                    + "Connection: Upgrade\r\nSec-WebSocket-Accept: " + HandshakeResponses.acceptKey(key(request)) + "\r\n"
                    + (agreed ? "Nats-No-Masking: true\r\n" : "") + "\r\n").getBytes(StandardCharsets.US_ASCII)));
            channel.writeOutbound(Unpooled.copiedBuffer("CONNECT {}\r\n", StandardCharsets.US_ASCII));
            ByteBuf out = Unpooled.wrappedBuffer(written(channel).getBytes(StandardCharsets.ISO_8859_1));
            assertThat((int) out.getUnsignedByte(0)).isEqualTo(0x82);
            int length = out.getUnsignedByte(1) & 0x7f;
            assertThat(length).isEqualTo(12);
            boolean masked = (out.getUnsignedByte(1) & 0x80) != 0;
            assertThat(masked).isEqualTo(!agreed);
            byte[] payload = new byte[length];
            int start = masked ? 6 : 2;
            for (int i = 0; i < length; i++) {
                payload[i] = (byte) (out.getByte(start + i) ^ (masked ? out.getByte(2 + (i & 3)) : 0));
            }
            assertThat(new String(payload, StandardCharsets.US_ASCII)).isEqualTo("CONNECT {}\r\n");
        }
    }

    @Test
    void aWrongAnswerFailsTheUpgrade() {
        EmbeddedChannel channel = channel(false, false);
        written(channel);
        channel.writeInbound(Unpooled.wrappedBuffer(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Accept: wrong\r\n\r\n").getBytes(StandardCharsets.US_ASCII)));
        assertThat(failures).containsExactly("invalid websocket connection");
        EmbeddedChannel refused = channel(false, false);
        written(refused);
        refused.writeInbound(Unpooled.wrappedBuffer("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII)));
        assertThat(failures).containsExactly("invalid websocket connection", "invalid websocket connection");
    }
}
