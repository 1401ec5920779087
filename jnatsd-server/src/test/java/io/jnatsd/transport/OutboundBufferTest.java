package io.jnatsd.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * An idle connection holds no outbound buffer; a busy one gets one back at the size it last
 * needed; one that keeps filling is handed over in pieces, never as one ever larger buffer.
 */
class OutboundBufferTest {

    @Test
    void aNewConnectionHoldsNoBufferUntilSomethingIsAppended() {
        EmbeddedChannel channel = new EmbeddedChannel();
        OutboundBuffer outbound = new OutboundBuffer(channel, 1 << 20);
        assertThat(outbound.holdsBuffer()).isFalse();
        synchronized (outbound) {
            assertThat(outbound.pendingBytes()).isZero();
        }
        channel.finishAndReleaseAll();
    }

    @Test
    void aFlushHandsTheBufferToTheSocketAndKeepsNone() {
        EmbeddedChannel channel = new EmbeddedChannel();
        OutboundBuffer outbound = new OutboundBuffer(channel, 1 << 20);
        append(outbound, "PING\r\n");
        assertThat(outbound.holdsBuffer()).isTrue();

        outbound.flushNow();

        assertThat(outbound.holdsBuffer()).isFalse();
        ByteBuf written = channel.readOutbound();
        assertThat(written.toString(StandardCharsets.US_ASCII)).isEqualTo("PING\r\n");
        written.release();
        channel.finishAndReleaseAll();
    }

    @Test
    void theNextBufferHasTheCapacityTheLastFlushNeeded() {
        EmbeddedChannel channel = new EmbeddedChannel();
        OutboundBuffer outbound = new OutboundBuffer(channel, 1 << 20);
        append(outbound, "x".repeat(100_000));
        outbound.flushNow();
        ByteBuf written = channel.readOutbound();
        written.release();

        synchronized (outbound) {
            assertThat(outbound.buffer().capacity()).isGreaterThanOrEqualTo(100_000);
        }
        channel.finishAndReleaseAll();
        outbound.close();
    }

    @Test
    void aBufferThatKeepsFillingIsSetAsideInPiecesThatAFlushWritesInOrder() {
        EmbeddedChannel channel = new EmbeddedChannel();
        OutboundBuffer outbound = new OutboundBuffer(channel, 64 << 20);
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 3_000; i++) {
            // about 3 MiB, appended as a publisher on another loop appends before the flush runs
            String message = "MSG subject." + i + " 1 1000\r\n" + String.valueOf((char) ('a' + i % 26)).repeat(1000) + "\r\n";
            append(outbound, message);
            expected.append(message);
        }
        synchronized (outbound) {
            assertThat(outbound.pendingBytes()).isEqualTo(expected.length());
        }

        outbound.flushNow();

        StringBuilder written = new StringBuilder();
        int pieces = 0;
        for (ByteBuf piece; (piece = channel.readOutbound()) != null; pieces++) {
            // Netty pools buffers up to 1 MiB; a larger one is fresh zeroed memory at each allocation
            assertThat(piece.capacity()).isLessThanOrEqualTo(256 * 1024);
            written.append(piece.toString(StandardCharsets.US_ASCII));
            piece.release();
        }
        assertThat(pieces).isGreaterThan(40);
        assertThat(written.toString()).isEqualTo(expected.toString());
        synchronized (outbound) {
            assertThat(outbound.pendingBytes()).isZero();
        }
        channel.finishAndReleaseAll();
    }

    @Test
    void closingReleasesThePiecesSetAside() {
        EmbeddedChannel channel = new EmbeddedChannel();
        OutboundBuffer outbound = new OutboundBuffer(channel, 64 << 20);
        ByteBuf first;
        synchronized (outbound) {
            first = outbound.buffer();
        }
        append(outbound, "x".repeat(70_000));
        append(outbound, "y".repeat(10));

        outbound.close();

        assertThat(first.refCnt()).isZero();
        synchronized (outbound) {
            assertThat(outbound.pendingBytes()).isZero();
        }
        channel.finishAndReleaseAll();
    }

    @Test
    void afterCloseNothingCanBeAppendedAndNothingIsHeld() {
        EmbeddedChannel channel = new EmbeddedChannel();
        OutboundBuffer outbound = new OutboundBuffer(channel, 1 << 20);
        append(outbound, "+OK\r\n");
        outbound.close();
        assertThat(outbound.holdsBuffer()).isFalse();
        synchronized (outbound) {
            assertThat(outbound.buffer()).isNull();
        }
        channel.finishAndReleaseAll();
    }

    private static void append(OutboundBuffer outbound, String text) {
        synchronized (outbound) {
            outbound.buffer().writeCharSequence(text, StandardCharsets.US_ASCII);
        }
    }
}
