package io.jnatsd.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MonitorRequestDecoderTest {
    private static final String TWO_REQUESTS = "POST /varz?a=1 HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "2\r\nab\r\n0\r\n\r\n" + "GET /healthz HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\nok";

    @Test
    void framesPipelinedRequestsFedByteByByte() {
        EmbeddedChannel channel = new EmbeddedChannel(new MonitorRequestDecoder());
        for (byte b : TWO_REQUESTS.getBytes(StandardCharsets.ISO_8859_1)) {
            channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
        }

        RequestHead first = channel.readInbound();
        RequestHead second = channel.readInbound();
        assertThat(first.target().path()).isEqualTo("/varz");
        assertThat(first.target().rawQuery()).isEqualTo("a=1");
        assertThat(first.keepAlive()).isTrue();
        assertThat(second.target().path()).isEqualTo("/healthz");
        assertThat((Object) channel.readInbound()).isNull();
        channel.finishAndReleaseAll();
    }

    @Test
    void refusesAMalformedHeaderLineBeforeTheHeadEnds() {
        EmbeddedChannel channel = new EmbeddedChannel(new MonitorRequestDecoder());
        channel.writeInbound(Unpooled.copiedBuffer("GET / HTTP/1.1\r\nBadHeader\r\n", StandardCharsets.ISO_8859_1));

        RejectedRequest rejected = channel.readInbound();
        assertThat(rejected.status()).isEqualTo(HttpResponseStatus.BAD_REQUEST);
        channel.writeInbound(Unpooled.copiedBuffer("GET / HTTP/1.1\r\n\r\n", StandardCharsets.ISO_8859_1));
        assertThat((Object) channel.readInbound()).as("input after a refusal is ignored").isNull();
        channel.finishAndReleaseAll();
    }

    @Test
    void refusesAHeadThatGrowsPastTheLimitInPiecesWith431() {
        EmbeddedChannel channel = new EmbeddedChannel(new MonitorRequestDecoder());
        channel.writeInbound(Unpooled.copiedBuffer("GET /?" + "x".repeat(MonitorRequestDecoder.MAX_HEAD_BYTES - 10),
                StandardCharsets.ISO_8859_1));
        assertThat((Object) channel.readInbound()).isNull();

        channel.writeInbound(Unpooled.copiedBuffer("x".repeat(20), StandardCharsets.ISO_8859_1));

        RejectedRequest rejected = channel.readInbound();
        assertThat(rejected.status()).isEqualTo(HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE);
        channel.finishAndReleaseAll();
    }

    @Test
    void closesWithoutAReplyWhenTheHeadTakesLongerThanFiveSeconds() {
        EmbeddedChannel channel = new EmbeddedChannel(new MonitorRequestDecoder());
        channel.freezeTime();
        channel.writeInbound(Unpooled.copiedBuffer("GET /varz HTTP/1.1\r\n", StandardCharsets.ISO_8859_1));

        channel.advanceTimeBy(MonitorRequestDecoder.HEAD_TIMEOUT_MILLIS - 1, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
        assertThat(channel.isOpen()).isTrue();
        channel.advanceTimeBy(1, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
        assertThat(channel.isOpen()).isFalse();
        assertThat((Object) channel.readOutbound()).isNull();
        channel.finishAndReleaseAll();
    }

    @Test
    void answersWithoutReadingABodyTooLargeToDrainAndThenCloses() {
        EmbeddedChannel channel = new EmbeddedChannel(new MonitorRequestDecoder());
        channel.writeInbound(Unpooled.copiedBuffer("POST /varz HTTP/1.1\r\nHost: x\r\nContent-Length: "
                + (MonitorRequestDecoder.MAX_DRAINED_BODY_BYTES + 1) + "\r\n\r\n", StandardCharsets.ISO_8859_1));

        RequestHead head = channel.readInbound();
        assertThat(head.keepAlive()).isFalse();
        channel.finishAndReleaseAll();
    }

    @Test
    void queryPairsThatCannotBeReadAreSkipped() {
        assertThat(GoQuery.parse("%zz&subs=1&a;b=2&c=%41+b&=x&d"))
                .containsOnlyKeys("subs", "c", "", "d")
                .containsEntry("c", java.util.List.of("A b"));
    }

    @Test
    void uncleanPathsRedirectToTheirCleanForm() throws Exception {
        assertThat(RequestTarget.parse("GET", "//varz?x=1").redirect()).isEqualTo("/varz?x=1");
        assertThat(RequestTarget.parse("GET", "/a/../b/./c/").redirect()).isEqualTo("/b/c/");
        assertThat(RequestTarget.parse("GET", "/varz/..").redirect()).isEqualTo("/");
        assertThat(RequestTarget.parse("GET", "http://host").redirect()).isEqualTo("/");
        assertThat(RequestTarget.parse("GET", "/varz").redirect()).isNull();
    }
}
