package io.jnatsd.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** An idle connection holds no outbound buffer; a busy one gets one back at the size it last needed. */
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
