package io.jnatsd.transport.websocket;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.util.ReferenceCountUtil;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import java.util.zip.DataFormatException;

/**
 * WebSocket frames (RFC 6455) between the socket and a client connection, after the upgrade. Inbound,
 * it unmasks data frames in place and passes their payload on as slices of the read buffer (no
 * copy; compressed messages are gathered and inflated first), answers pings, and echoes a close
 * frame before closing; outbound, each buffer the connection writes becomes one binary frame
 * (compressed above 64 bytes when negotiated), and a close of the channel sends a close frame whose
 * status follows the connection's close reason. Protocol errors end the connection as a read
 * error with nats-server's texts (logged by the connection; no close frame, as there).
 *
 * <p>Runs on the channel's event loop only. Control frames are written from here toward the
 * socket, so they never pass through the outbound framing a second time.
 */
public final class WebsocketCodec extends ChannelDuplexHandler {
    private static final int CONTINUATION = 0;
    private static final int TEXT = 1;
    private static final int BINARY = 2;
    private static final int CLOSE = 8;
    private static final int PING = 9;
    private static final int PONG = 10;

    private final boolean maskRequired;
    /** The client side of a link this server dialed: what it writes is masked. */
    private final boolean maskWrites;
    private final boolean compress;
    private final int maxMessageBytes;
    private final Supplier<String> closeReason;
    private final MessageCompression compression = new MessageCompression();

    private final byte[] header = new byte[14];
    private int headerLength;
    private boolean inPayload;
    private int opcode;
    private long remaining;
    private boolean masked;
    private final byte[] mask = new byte[4];
    private int maskPosition;
    /** The last data frame had its final bit: the next data frame starts a message. */
    private boolean messageFinal = true;
    private boolean messageCompressed;
    private ByteBuf compressed;
    private ByteBuf control;
    private boolean closeSent;
    /** The echo of the peer's close frame, sent when the channel closes; null until one came. */
    private byte[] closeAnswer;
    /** After a protocol error the rest of the input is dropped. */
    private boolean failed;

    /**
     * @param maskRequired    clients must mask (unless they asked for no masking)
     * @param compress        permessage-deflate was negotiated
     * @param maxMessageBytes the largest inflated message accepted
     * @param closeReason     why the connection is being closed, read when the server closes it
     */
    public WebsocketCodec(boolean maskRequired, boolean compress, int maxMessageBytes, Supplier<String> closeReason) {
        this(maskRequired, false, compress, maxMessageBytes, closeReason);
    }

    private WebsocketCodec(boolean maskRequired, boolean maskWrites, boolean compress, int maxMessageBytes,
                           Supplier<String> closeReason) {
        this.maskRequired = maskRequired;
        this.maskWrites = maskWrites;
        this.compress = compress;
        this.maxMessageBytes = maxMessageBytes;
        this.closeReason = closeReason;
    }

    /**
     * The codec of a connection this server dialed (a leaf node over {@code ws://}): the server's
     * frames come unmasked, and ours are masked unless the server agreed to {@code Nats-No-Masking}.
     */
    public static WebsocketCodec client(boolean maskWrites, boolean compress, int maxMessageBytes,
                                        Supplier<String> closeReason) {
        return new WebsocketCodec(false, maskWrites, compress, maxMessageBytes, closeReason);
    }

    // ---- inbound ---------------------------------------------------------------------------

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf in) || failed) {
            ReferenceCountUtil.release(msg);  // what the HTTP decoder may still pass on (its last content)
            return;
        }
        try {
            while (in.isReadable() && !failed) {
                if (!inPayload) {
                    if (!readHeader(in)) {
                        return;
                    }
                    startFrame(ctx);
                } else {
                    readPayload(ctx, in);
                }
            }
        } finally {
            in.release();
        }
    }

    /** Gathers the frame header (2 to 14 bytes) across reads; true once complete. */
    private boolean readHeader(ByteBuf in) {
        while (headerLength < 2 && in.isReadable()) {
            header[headerLength++] = in.readByte();
        }
        if (headerLength < 2) {
            return false;
        }
        int length7 = header[1] & 0x7f;
        int needed = 2 + (length7 == 126 ? 2 : length7 == 127 ? 8 : 0) + ((header[1] & 0x80) != 0 ? 4 : 0);
        int take = Math.min(needed - headerLength, in.readableBytes());
        in.readBytes(header, headerLength, take);
        headerLength += take;
        return headerLength == needed;
    }

    /** Checks a complete header in nats-server's order and with its texts. */
    private void startFrame(ChannelHandlerContext ctx) {
        headerLength = 0;
        boolean fin = (header[0] & 0x80) != 0;
        boolean rsv1 = (header[0] & 0x40) != 0;
        int op = header[0] & 0x0f;
        masked = (header[1] & 0x80) != 0;
        int length7 = header[1] & 0x7f;
        if (maskRequired && !masked) {
            fail(ctx, "mask bit missing");
            return;
        }
        switch (op) {
            case CLOSE, PING, PONG -> {
                if (length7 > CloseStatus.MAX_CONTROL_PAYLOAD) {
                    fail(ctx, "control frame length bigger than maximum allowed of "
                            + CloseStatus.MAX_CONTROL_PAYLOAD + " bytes");
                    return;
                }
                if (!fin) {
                    fail(ctx, "control frame does not have final bit set");
                    return;
                }
            }
            case TEXT, BINARY -> {
                if (!messageFinal) {
                    fail(ctx, "new message started before final frame for previous message was received");
                    return;
                }
                messageFinal = fin;
                messageCompressed = rsv1;
            }
            case CONTINUATION -> {
                if (messageFinal || rsv1) {
                    fail(ctx, "invalid continuation frame");
                    return;
                }
                messageFinal = fin;
            }
            default -> {
                fail(ctx, "unknown opcode " + op);
                return;
            }
        }
        int at = 2;
        long length = length7;
        if (length7 == 126) {
            length = ((header[2] & 0xffL) << 8) | (header[3] & 0xffL);
            at = 4;
        } else if (length7 == 127) {
            length = 0;
            for (int i = 2; i < 10; i++) {
                length = (length << 8) | (header[i] & 0xffL);
            }
            at = 10;
        }
        if (length < 0) {
            fail(ctx, "invalid frame length");
            return;
        }
        if (masked) {
            System.arraycopy(header, at, mask, 0, 4);
        }
        maskPosition = 0;
        opcode = op;
        remaining = length;
        inPayload = true;
        if (isControl(op)) {
            control = ctx.alloc().heapBuffer((int) length);
        }
        if (remaining == 0) {
            endFrame(ctx);
        }
    }

    private void readPayload(ChannelHandlerContext ctx, ByteBuf in) {
        int start = in.readerIndex();
        int n = (int) Math.min(remaining, in.readableBytes());
        if (masked) {
            unmask(in, start, n);
        }
        remaining -= n;
        if (isControl(opcode)) {
            control.writeBytes(in, start, n);
        } else if (messageCompressed) {
            if (!gather(ctx, in, start, n)) {
                return;
            }
        } else if (n > 0) {
            ctx.fireChannelRead(in.retainedSlice(start, n));
        }
        in.skipBytes(n);
        if (remaining == 0) {
            endFrame(ctx);
        }
    }

    /** Keeps a compressed message's bytes until its last frame; false when it grew too big. */
    private boolean gather(ChannelHandlerContext ctx, ByteBuf in, int start, int n) {
        if (compressed == null) {
            compressed = ctx.alloc().heapBuffer(Math.max(n, 256));
        }
        if (compressed.readableBytes() + (long) n > maxMessageBytes) {
            fail(ctx, "compressed message bigger than " + maxMessageBytes + " bytes");
            return false;
        }
        compressed.writeBytes(in, start, n);
        return true;
    }

    private void endFrame(ChannelHandlerContext ctx) {
        inPayload = false;
        if (isControl(opcode)) {
            ByteBuf payload = control;
            control = null;
            try {
                controlFrame(ctx, payload);
            } finally {
                payload.release();
            }
        } else if (messageCompressed && messageFinal) {
            messageCompressed = false;
            ByteBuf whole = compressed == null ? ctx.alloc().heapBuffer(0) : compressed;
            compressed = null;
            try {
                inflated(ctx, whole);
            } finally {
                whole.release();
            }
        }
    }

    private void inflated(ChannelHandlerContext ctx, ByteBuf whole) {
        ByteBuf plain;
        try {
            plain = compression.inflate(whole, maxMessageBytes, ctx.alloc());
        } catch (DataFormatException e) {
            fail(ctx, "invalid compressed message: " + e.getMessage());
            return;
        }
        if (plain == null) {
            fail(ctx, "decompressed message bigger than " + maxMessageBytes + " bytes");
        } else if (plain.isReadable()) {
            ctx.fireChannelRead(plain);
        } else {
            plain.release();
        }
    }

    /** Ping is answered with its payload; close is echoed (nats-server's texts for a bad body) and ends the link. */
    private void controlFrame(ChannelHandlerContext ctx, ByteBuf payload) {
        if (opcode == PING) {
            ctx.writeAndFlush(control(ctx, PONG, ByteBufUtil.getBytes(payload)));
        } else if (opcode == CLOSE) {
            // echoed: a status-less close gets an empty one, as nats-server 2.10.27 answers it
            byte[] answer = new byte[0];
            if (payload.readableBytes() >= 2) {
                int status = payload.getUnsignedShort(payload.readerIndex());
                byte[] text = new byte[payload.readableBytes() - 2];
                payload.getBytes(payload.readerIndex() + 2, text);
                String body = utf8(text);
                if (body == null) {
                    status = CloseStatus.INVALID_PAYLOAD;
                    body = "invalid utf8 body in close frame";
                }
                answer = CloseStatus.payload(status, body);
            }
            failed = true;   // nothing after a close frame is read
            closeAnswer = answer;
            // closed after this read's replies are flushed (they go before the close frame, as in
            // nats-server), through the whole pipeline so the connection closes as it always does
            ctx.channel().eventLoop().execute(() -> ctx.channel().close());
        }
    }

    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /**
     * Ends the connection as after a read error. nats-server 2.10.27 queues a close frame with the
     * reason but closes the socket before it leaves, so the peer sees the TCP close only; so here.
     */
    private void fail(ChannelHandlerContext ctx, String message) {
        failed = true;
        closeSent = true;
        ctx.fireExceptionCaught(new WebsocketProtocolException(message));
    }

    /** XORs the payload with the mask, eight bytes at a time where it can. */
    private void unmask(ByteBuf buf, int index, int length) {
        int i = 0;
        if (length >= 16) {
            long key = 0;
            for (int j = 0; j < 8; j++) {
                key = (key << 8) | (mask[(maskPosition + j) & 3] & 0xffL);
            }
            for (; i + 8 <= length; i += 8) {
                buf.setLong(index + i, buf.getLong(index + i) ^ key);
            }
        }
        for (; i < length; i++) {
            buf.setByte(index + i, buf.getByte(index + i) ^ mask[(maskPosition + i) & 3]);
        }
        maskPosition = (maskPosition + length) & 3;
    }

    private static boolean isControl(int op) {
        return op >= CLOSE;
    }

    // ---- outbound --------------------------------------------------------------------------

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (!(msg instanceof ByteBuf data) || !data.isReadable()) {
            ctx.write(msg, promise);
            return;
        }
        if (closeSent) {
            data.release();   // nothing follows a close frame
            promise.setSuccess();
            return;
        }
        if (compress && data.readableBytes() > MessageCompression.THRESHOLD) {
            ByteBuf deflated;
            try {
                deflated = compression.deflate(data, ctx.alloc());
            } finally {
                data.release();
            }
            writeFrame(ctx, true, deflated, promise);
            return;
        }
        writeFrame(ctx, false, data, promise);
    }

    private void writeFrame(ChannelHandlerContext ctx, boolean compressed, ByteBuf payload, ChannelPromise promise) {
        if (!maskWrites) {
            ctx.write(ServerFrames.header(ctx.alloc(), BINARY, compressed, payload.readableBytes()));
            ctx.write(payload, promise);
            return;
        }
        try {
            ctx.write(MaskedFrames.frame(ctx.alloc(), BINARY, compressed, payload), promise);
        } finally {
            payload.release();
        }
    }

    private ByteBuf control(ChannelHandlerContext ctx, int opcode, byte[] payload) {
        return maskWrites ? MaskedFrames.control(ctx.alloc(), opcode, payload)
                : ServerFrames.control(ctx.alloc(), opcode, payload);
    }

    /** The server closes: a close frame with the status of the connection's close reason goes first. */
    @Override
    public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
        if (closeSent || !ctx.channel().isActive()) {
            ctx.close(promise);
            return;
        }
        closeSent = true;
        byte[] payload = closeAnswer;
        if (payload == null) {
            String reason = CloseStatus.goReason(closeReason.get());
            payload = CloseStatus.payload(CloseStatus.forReason(reason), reason);
        }
        ctx.writeAndFlush(control(ctx, CLOSE, payload)).addListener(f -> ctx.close(promise));
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        releaseAll();
        super.channelInactive(ctx);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        releaseAll();
    }

    private void releaseAll() {
        if (compressed != null) {
            compressed.release();
            compressed = null;
        }
        if (control != null) {
            control.release();
            control = null;
        }
        compression.close();
    }
}
