package io.jnatsd.protocol.route;

import static org.assertj.core.api.Assertions.assertThat;

import io.jnatsd.protocol.MessageFrame;
import io.jnatsd.protocol.QueueNames;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The route encoder writes exactly the bytes captured between nats-server 2.10 peers (ROUTES.md
 * §5.2, §5.3). Each captured message line is parsed by {@link RouteParser} and written back by
 * {@link RouteMessageEncoder}: a byte-exact round trip proves the grammar of both.
 */
class RouteMessageEncoderTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "RMSG $G foo 5\r\nhello\r\n",
            "RMSG $G foo rep.1 5\r\nworld\r\n",
            "HMSG $G foo rep.2 20 25\r\nNATS/1.0\r\nX-A: 1\r\n\r\nhello\r\n",
            "HMSG $G foo 12 12\r\nNATS/1.0\r\n\r\n\r\n",
            "RMSG $G bar.x | q1 2\r\nq0\r\n",
            "RMSG $G bar.y + rep.q q1 2\r\nqq\r\n",
            "RMSG $G mix | g2 1\r\nx\r\n",
            "RMSG $SYS $SYS.SERVER.ACCOUNT.$G.CONNS 2\r\n{}\r\n",
            "RMSG $G bar.z | q1 q2 q3 0\r\n\r\n"})
    void writesTheCapturedAccountTokenLinesByteForByte(String captured) throws Exception {
        assertThat(reencode(captured, null, true)).isEqualTo(captured);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "RMSG foo + r grp 2\r\nhi\r\n",
            "RMSG $SYS.SERVER.NDXXXXA.STATSZ 4\r\n{..}\r\n",
            "HMSG foo | grp 12 14\r\nNATS/1.0\r\n\r\nhi\r\n"})
    void writesNoAccountTokenOnAPinnedConnection(String captured) throws Exception {
        assertThat(reencode(captured, "ACC1", true)).isEqualTo(captured);
    }

    @Test
    void stripsHeadersForAPeerWithoutHeaderSupport() throws Exception {
        assertThat(reencode("HMSG $G foo rep.2 20 25\r\nNATS/1.0\r\nX-A: 1\r\n\r\nhello\r\n", null, false))
                .isEqualTo("RMSG $G foo rep.2 5\r\nhello\r\n");
        assertThat(reencode("HMSG $G foo | q1 12 14\r\nNATS/1.0\r\n\r\nhi\r\n", null, false))
                .isEqualTo("RMSG $G foo | q1 2\r\nhi\r\n");
    }

    @Test
    void writesAMessageBuiltOutsideAReadBuffer() {
        ByteBuf source = Unpooled.copiedBuffer("bar.yrep.qqq", StandardCharsets.US_ASCII);
        MessageFrame frame = new MessageFrame().set(source, "bar.y", 0, 5, 5, 5, -1, 10, 2);
        QueueNames queues = new QueueNames();
        queues.add("q1");
        ByteBuf out = Unpooled.buffer();
        RouteMessageEncoder.writeMessage(out, "$G".getBytes(StandardCharsets.US_ASCII), frame, queues, true);
        assertThat(out.toString(StandardCharsets.US_ASCII)).isEqualTo("RMSG $G bar.y + rep.q q1 2\r\nqq\r\n");
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "$G;   bar.*; q1;   1; RS+ $G bar.* q1 1",
            "$G;   bar.*; q1;   2; RS+ $G bar.* q1 2",
            "$G;   foo;   ;     1; RS+ $G foo",
            ";     foo;   ;     1; RS+ foo",
            ";     foo;   grp;  1; RS+ foo grp 1",
            "$SYS; $SYS.REQ.SERVER.PING.JSZ; ; 1; RS+ $SYS $SYS.REQ.SERVER.PING.JSZ"})
    void writesTheCapturedSubscribeLines(String account, String subject, String queue, int weight, String line) {
        assertThat(RouteMessageEncoder.subscribeLine(account, subject, queue, weight)).isEqualTo(line + "\r\n");
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "$G; bar.*; q1;  RS- $G bar.* q1",
            "$G; foo;   ;    RS- $G foo",
            ";   foo;   grp; RS- foo grp"})
    void writesTheCapturedUnsubscribeLinesWithoutWeight(String account, String subject, String queue, String line) {
        assertThat(RouteMessageEncoder.unsubscribeLine(account, subject, queue)).isEqualTo(line + "\r\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "LMSG LEAFC $G hub.bar 0 3\r\nabc\r\n",
            "LMSG LEAFC $G hub.bar 12 15\r\nNATS/1.0\r\n\r\nabc\r\n",
            "LMSG L1 HUBACC hub.bar _INBOX.l1.1 0 3\r\nabd\r\n",
            "LMSG L1 HUBACC hub.q | qg 0 2\r\nQ0\r\n",
            "LMSG LC $G y9 | g 0 2\r\nqq\r\n",
            "LMSG LEAFC $G hub.bar + r q1 0 2\r\nhi\r\n"})
    void writesTheCapturedLeafOriginMessagesByteForByte(String captured) throws Exception {
        List<String> written = new ArrayList<>();
        RouteParser parser = new RouteParser(new RecordingRouteOperations() {
            @Override
            public void message(String account, String origin, MessageFrame message, QueueNames queues) {
                ByteBuf out = Unpooled.buffer();
                RouteMessageEncoder.writeLeafOriginMessage(out, origin.getBytes(StandardCharsets.US_ASCII),
                        account.getBytes(StandardCharsets.US_ASCII), message, queues, true);
                written.add(out.toString(StandardCharsets.US_ASCII));
            }
        });
        parser.parse(Unpooled.copiedBuffer(captured, StandardCharsets.US_ASCII));
        assertThat(written).containsExactly(captured);
    }

    @Test
    void writesTheCapturedLeafInterestLines() {
        assertThat(RouteMessageEncoder.leafSubscribeLine("L1", "HUBACC", "leaf.foo", null, 1))
                .isEqualTo("LS+ L1 HUBACC leaf.foo\r\n");
        assertThat(RouteMessageEncoder.leafSubscribeLine("LEAFC", "$G", "leaf.q", "qg", 2))
                .isEqualTo("LS+ LEAFC $G leaf.q qg 2\r\n");
        assertThat(RouteMessageEncoder.leafUnsubscribeLine("LEAFC", "$G", "leaf.q", "qg"))
                .isEqualTo("LS- LEAFC $G leaf.q qg\r\n");
        // to a peer without lnocu (2.10.27 -> 2.9.10, captured): the origin is left out
        assertThat(RouteMessageEncoder.leafUnsubscribeLine(null, "$G", "foo", null)).isEqualTo("LS- $G foo\r\n");
        assertThat(RouteMessageEncoder.leafSubscribeLine("L1", null, "foo", null, 1)).isEqualTo("LS+ L1 foo\r\n");
    }

    /** Parses one captured message and writes it back with the same account token rule. */
    private static String reencode(String captured, String pinnedAccount, boolean headersSupported)
            throws Exception {
        List<String> written = new ArrayList<>();
        RouteOperations encodeBack = new RecordingRouteOperations() {
            @Override
            public void message(String account, MessageFrame message, QueueNames queues) {
                ByteBuf out = Unpooled.buffer();
                byte[] token = pinnedAccount == null ? account.getBytes(StandardCharsets.US_ASCII) : null;
                RouteMessageEncoder.writeMessage(out, token, message, queues, headersSupported);
                written.add(out.toString(StandardCharsets.US_ASCII));
            }
        };
        RouteParser parser = new RouteParser(encodeBack);
        parser.pinnedTo(pinnedAccount);
        parser.parse(Unpooled.copiedBuffer(captured, StandardCharsets.US_ASCII));
        assertThat(written).hasSize(1);
        return written.get(0);
    }
}
