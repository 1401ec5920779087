package io.jnatsd.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.jnatsd.compress.S2Level;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The route compression handlers in a channel: round trip in any split, and a corrupt stream closes the channel. */
class S2FrameCodecTest {

    @Test
    void whatTheEncoderWritesTheDecoderRestoresWhateverTheReadSplits() {
        EmbeddedChannel writer = new EmbeddedChannel(new S2FrameEncoder(S2Level.FAST));
        String text = "RMSG $G orders.new 5\r\nhello\r\n".repeat(500);
        writer.writeOutbound(Unpooled.copiedBuffer(text, StandardCharsets.US_ASCII));
        writer.writeOutbound(Unpooled.copiedBuffer("PING\r\n", StandardCharsets.US_ASCII));
        ByteBuf compressed = Unpooled.buffer();
        for (ByteBuf chunk = writer.readOutbound(); chunk != null; chunk = writer.readOutbound()) {
            compressed.writeBytes(chunk);
            chunk.release();
        }
        assertThat(compressed.readableBytes()).isLessThan(text.length() / 4);

        EmbeddedChannel reader = new EmbeddedChannel(new S2FrameDecoder());
        Random random = new Random(7);
        while (compressed.isReadable()) {
            int piece = Math.min(compressed.readableBytes(), 1 + random.nextInt(300));
            reader.writeInbound(compressed.readRetainedSlice(piece));
        }
        compressed.release();
        StringBuilder restored = new StringBuilder();
        for (ByteBuf plain = reader.readInbound(); plain != null; plain = reader.readInbound()) {
            restored.append(plain.toString(StandardCharsets.US_ASCII));
            plain.release();
        }
        assertThat(restored.toString()).isEqualTo(text + "PING\r\n");
        assertThat(reader.isOpen()).isTrue();
    }

    @Test
    void everyLevelRoundTripsDirectAndHeapWritesOfAnySize() {
        Random random = new Random(11);
        for (S2Level level : S2Level.values()) {
            EmbeddedChannel writer = new EmbeddedChannel(new S2FrameEncoder(level));
            StringBuilder sent = new StringBuilder();
            java.util.List<ByteBuf> given = new java.util.ArrayList<>();
            for (int size : new int[] {1, 17, 300, 70_000, 1 << 20, (1 << 20) + 5_000}) {
                StringBuilder text = new StringBuilder();
                while (text.length() < size) {
                    text.append("RMSG $G sensor.").append(random.nextInt(100)).append(" 12\r\n{\"t\":").append(random.nextInt(999))
                            .append("}\r\n");
                }
                String piece = text.substring(0, size);
                sent.append(piece);
                byte[] bytes = piece.getBytes(StandardCharsets.US_ASCII);
                ByteBuf message = size % 2 == 0 ? Unpooled.directBuffer(size).writeBytes(bytes) : Unpooled.wrappedBuffer(bytes);
                writer.writeOutbound(message);
                given.add(message);
            }
            assertThat(restored(writer)).as(level.name()).isEqualTo(sent.toString());
            assertThat(given).as("released once the socket has written them").allMatch(message -> message.refCnt() == 0);
        }
    }

    @Test
    void aLargeWriteIsCompressedInSlicesAndWhatFollowsItStaysBehindIt() {
        // Whether the loop really runs other work between slices is not visible here:
        // EmbeddedChannel runs every pending task whenever it flushes.
        EmbeddedChannel writer = new EmbeddedChannel(new S2FrameEncoder(S2Level.BEST));
        Random random = new Random(5);
        StringBuilder text = new StringBuilder();
        while (text.length() < 1 << 20) {
            text.append("RMSG $G sensor.").append(random.nextInt(100)).append(" 12\r\n{\"t\":").append(random.nextInt(999))
                    .append("}\r\n");
        }
        String sent = text.substring(0, 1 << 20);
        ByteBuf large = Unpooled.copiedBuffer(sent, StandardCharsets.US_ASCII);
        ChannelFuture written = writer.pipeline().write(large);
        ChannelFuture behind = writer.pipeline().writeAndFlush(Unpooled.copiedBuffer("PING\r\n", StandardCharsets.US_ASCII));
        writer.runPendingTasks();

        assertThat(writer.outboundMessages()).as("one chunk per slice, and the PING").hasSize(1 + (1 << 20) / S2FrameEncoder.sliceBytes(S2Level.BEST));
        assertThat(written.isSuccess()).isTrue();
        assertThat(behind.isSuccess()).isTrue();
        assertThat(large.refCnt()).isZero();
        assertThat(restored(writer)).isEqualTo(sent + "PING\r\n");
    }

    @Test
    void theWritesOfOneFlushAreCompressedTogether() {
        EmbeddedChannel writer = new EmbeddedChannel(new S2FrameEncoder(S2Level.FAST));
        String piece = "RMSG $G orders.new 5\r\nhello\r\n".repeat(2_000);
        ByteBuf first = Unpooled.copiedBuffer(piece, StandardCharsets.US_ASCII);
        ChannelFuture firstWritten = writer.pipeline().write(first);
        writer.pipeline().write(Unpooled.copiedBuffer(piece, StandardCharsets.US_ASCII), writer.voidPromise());
        assertThat(writer.outboundMessages()).as("nothing leaves before the flush").isEmpty();
        assertThat(first.refCnt()).as("the bytes are taken at once").isZero();

        writer.pipeline().write(Unpooled.copiedBuffer(piece, StandardCharsets.US_ASCII), writer.voidPromise());
        writer.flush();

        // One S2 write for the three (the outbound buffer hands a busy flush over in 64 KiB
        // pieces; compressed apart, each would start its block without the others' history).
        assertThat(writer.outboundMessages()).hasSize(1);
        assertThat(firstWritten.isSuccess()).isTrue();
        assertThat(restored(writer)).isEqualTo(piece.repeat(3));
    }

    @Test
    void aFlushOfManyPiecesIsCompressedOneSliceAtATurnOfTheLoop() {
        AtomicInteger compressedWrites = new AtomicInteger();
        ChannelOutboundHandlerAdapter socketSide = new ChannelOutboundHandlerAdapter() {
            @Override
            public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
                compressedWrites.incrementAndGet();
                ctx.write(msg, promise);
            }
        };
        EmbeddedChannel writer = new EmbeddedChannel(socketSide, new S2FrameEncoder(S2Level.BEST));
        int slice = S2FrameEncoder.sliceBytes(S2Level.BEST);
        Random random = new Random(3);
        StringBuilder sent = new StringBuilder();
        for (int piece = 0; piece < 8; piece++) {
            StringBuilder text = new StringBuilder();
            while (text.length() < slice / 2) {
                text.append("RMSG $G sensor.").append(random.nextInt(100)).append(" 12\r\n{\"t\":").append(random.nextInt(999))
                        .append("}\r\n");
            }
            String bytes = text.substring(0, slice / 2);
            sent.append(bytes);
            writer.pipeline().write(Unpooled.copiedBuffer(bytes, StandardCharsets.US_ASCII), writer.voidPromise());
        }
        // EmbeddedChannel runs the loop's tasks at a flush: before it, only this turn's work is done.
        assertThat(compressedWrites).as("one slice compressed in the turn that wrote").hasValue(1);
        ChannelFuture behind = writer.pipeline().writeAndFlush(Unpooled.copiedBuffer("PING\r\n", StandardCharsets.US_ASCII));
        writer.runPendingTasks();

        assertThat(writer.outboundMessages()).as("four slices of two pieces, then the PING").hasSize(5);
        assertThat(behind.isSuccess()).isTrue();
        assertThat(restored(writer)).isEqualTo(sent + "PING\r\n");
    }

    @Test
    void writesGatheredOnAChannelThatClosesAreDroppedAndTheirPromisesFailed() {
        EmbeddedChannel writer = new EmbeddedChannel(new S2FrameEncoder(S2Level.BETTER));
        ChannelFuture written = writer.pipeline().write(Unpooled.copiedBuffer("PING\r\n".repeat(100), StandardCharsets.US_ASCII));

        writer.close();

        assertThat(written.isDone()).isTrue();
        assertThat(written.isSuccess()).isFalse();
        assertThat(writer.outboundMessages()).isEmpty();
    }

    @Test
    void aCorruptStreamClosesTheConnectionAndNothingLeaks() {
        EmbeddedChannel reader = new EmbeddedChannel(new S2FrameDecoder());
        byte[] garbage = "PING\r\nthis is not an S2 stream".getBytes(StandardCharsets.US_ASCII);
        reader.writeInbound(Unpooled.wrappedBuffer(garbage));
        assertThat((Object) reader.readInbound()).isNull();
        assertThat(reader.isOpen()).isFalse();
    }

    /** What the writer wrote, through a decoder. */
    private static String restored(EmbeddedChannel writer) {
        EmbeddedChannel reader = new EmbeddedChannel(new S2FrameDecoder());
        for (ByteBuf chunk = writer.readOutbound(); chunk != null; chunk = writer.readOutbound()) {
            reader.writeInbound(chunk);
        }
        StringBuilder restored = new StringBuilder();
        for (ByteBuf plain = reader.readInbound(); plain != null; plain = reader.readInbound()) {
            restored.append(plain.toString(StandardCharsets.US_ASCII));
            plain.release();
        }
        return restored.toString();
    }
}
