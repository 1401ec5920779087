package io.jnatsd.transport.websocket;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The client side of an upgrade, for a leaf node this server dials over {@code ws://} or
 * {@code wss://} (LEAFNODES.md §2.2): it sends nats-server's request for {@code /leafnode} (header
 * for header what Go's HTTP client writes) as soon as the channel is active, reads the answer, and
 * on {@code 101} puts a client {@link WebsocketCodec} in its own place, handing it whatever came
 * after the answer. Any other answer ends the connection as nats-server's does, with its log line.
 *
 * <p>The link's handler behind this one becomes active first (so that a TLS handler it adds in
 * front sees the request, which it holds until its handshake is done); it writes nothing before the
 * peer's INFO, which can only come after the upgrade.
 */
public final class WebsocketUpgradeClient extends ChannelDuplexHandler {
    private static final int MAX_RESPONSE_BYTES = 4096;
    private static final String PATH = "/leafnode";

    private final String hostPort;
    private final String urlPath;
    private final boolean compress;
    private final boolean noMasking;
    private final int maxMessageBytes;
    private final Supplier<String> closeReason;
    private final Consumer<String> failed;
    private final String key;
    private final StringBuilder response = new StringBuilder();

    /**
     * @param hostPort        the URL's host and port, for the {@code Host} header
     * @param urlPath         the URL's path ({@code /leafnode} is appended to it), may be empty
     * @param compress        ask for permessage-deflate ({@code ws_compression})
     * @param noMasking       ask to write unmasked frames ({@code ws_no_masking})
     * @param closeReason     the link's close reason, for the close frame
     * @param failed          told why the upgrade failed; it closes the link
     */
    public WebsocketUpgradeClient(String hostPort, String urlPath, boolean compress, boolean noMasking,
                                  int maxMessageBytes, Supplier<String> closeReason, Consumer<String> failed) {
        this.hostPort = hostPort;
        this.urlPath = urlPath == null ? "" : urlPath;
        this.compress = compress;
        this.noMasking = noMasking;
        this.maxMessageBytes = maxMessageBytes;
        this.closeReason = closeReason;
        this.failed = failed;
        byte[] nonce = new byte[16];
        ThreadLocalRandom.current().nextBytes(nonce);
        this.key = Base64.getEncoder().encodeToString(nonce);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        ctx.fireChannelActive();
        if (ctx.channel().isActive()) {
            ctx.writeAndFlush(Unpooled.wrappedBuffer(request().getBytes(StandardCharsets.UTF_8)));
        }
    }

    /** Go's {@code http.Request.Write}: Host and User-Agent first, then the headers sorted by name. */
    String request() {
        String path = urlPath.isEmpty() || urlPath.equals("/") ? PATH
                : (urlPath.endsWith("/") ? urlPath.substring(0, urlPath.length() - 1) : urlPath) + PATH;
        StringBuilder out = new StringBuilder(256)
                .append("GET ").append(path).append(" HTTP/1.1\r\n")
                .append("Host: ").append(hostPort).append("\r\n")
                .append("User-Agent: Go-http-client/1.1\r\n")
                .append("Connection: Upgrade\r\n");
        if (noMasking) {
            out.append("Nats-No-Masking: true\r\n");
        }
        out.append("Sec-WebSocket-Key: ").append(key).append("\r\n")
                .append("Sec-WebSocket-Version: 13\r\n");
        if (compress) {
            out.append("Sec-Websocket-Extensions: permessage-deflate; server_no_context_takeover; "
                    + "client_no_context_takeover\r\n");
        }
        return out.append("Upgrade: websocket\r\n\r\n").toString();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf in = (ByteBuf) msg;
        try {
            while (in.isReadable()) {
                response.append((char) (in.readByte() & 0xff));
                int length = response.length();
                if (length >= 4 && response.charAt(length - 1) == '\n' && response.charAt(length - 2) == '\r'
                        && response.charAt(length - 3) == '\n' && response.charAt(length - 4) == '\r') {
                    upgraded(ctx, in);
                    return;
                }
                if (response.length() > MAX_RESPONSE_BYTES) {
                    failed.accept("invalid websocket connection");
                    return;
                }
            }
        } finally {
            in.release();
        }
    }

    /** The answer is complete; what follows it in {@code rest} is already frames. */
    private void upgraded(ChannelHandlerContext ctx, ByteBuf rest) {
        Answer answer = Answer.parse(response.toString());
        if (answer.status != 101 || !"websocket".equalsIgnoreCase(answer.header("upgrade"))
                || !"upgrade".equalsIgnoreCase(answer.header("connection"))
                || !HandshakeResponses.acceptKey(key).equals(answer.header("sec-websocket-accept"))) {
            failed.accept("invalid websocket connection");
            return;
        }
        boolean deflate = false;
        if (compress) {
            String extensions = answer.header("sec-websocket-extensions");
            String offered = extensions == null ? "" : extensions.toLowerCase(Locale.ROOT);
            if (offered.contains("permessage-deflate")) {
                if (!offered.contains("server_no_context_takeover") || !offered.contains("client_no_context_takeover")) {
                    failed.accept("compression negotiation error");
                    return;
                }
                deflate = true;
            }
        }
        boolean maskWrites = !(noMasking && "true".equals(answer.header("nats-no-masking")));
        WebsocketCodec codec = WebsocketCodec.client(maskWrites, deflate, maxMessageBytes, closeReason);
        ctx.pipeline().replace(this, "ws", codec);
        if (rest.isReadable()) {
            codec.channelRead(ctx.pipeline().context(codec), rest.retain());
        }
    }

    /** The status and headers of an HTTP response head (names in lower case; the first of each). */
    private record Answer(int status, java.util.Map<String, String> headers) {
        static Answer parse(String head) {
            String[] lines = head.split("\r\n");
            int status = -1;
            String[] statusLine = lines[0].split(" ", 3);
            if (statusLine.length >= 2 && statusLine[0].startsWith("HTTP/1.")) {
                try {
                    status = Integer.parseInt(statusLine[1]);
                } catch (NumberFormatException notANumber) {
                    status = -1;
                }
            }
            java.util.Map<String, String> headers = new java.util.HashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon > 0) {
                    headers.putIfAbsent(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
                            lines[i].substring(colon + 1).strip());
                }
            }
            return new Answer(status, headers);
        }

        String header(String name) {
            return headers.get(name);
        }
    }
}
