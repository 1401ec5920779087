package io.jnatsd.protocol.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jnatsd.protocol.ProtocolException;
import io.jnatsd.transport.InputBuffer;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The route dialect parser (ROUTES.md §1, §5) against the captured lines, fed whole, byte by
 * byte and in random splits through the same {@link InputBuffer} a route connection uses: every
 * split must yield the same operations.
 */
class RouteParserTest {

    /** Every verb with the account token, as a pooled or no-pool connection carries them. */
    private static final String ACCOUNT_TOKEN_STREAM = ""
            + "INFO {\"server_id\":\"NDXXXXA\",\"import\":{\"allow\":[\"foo.\\u003e\"]}} \r\n"
            + "CONNECT {\"echo\":true,\"name\":\"NDXXXXC\",\"cluster\":\"C1\"}\r\n"
            + "PING\r\n"
            + "PONG\r\n"
            + "+OK\r\n"
            + "rs+ $G foo\r\n"
            + "RS+\t$G  bar.*  q1   2\r\n"
            + "RS- $G bar.* q1\r\n"
            + "RS- $G foo\n"
            + "LS+ LEAFC $G leaf.foo\r\n"
            + "LS+ LEAFC $G leaf.q qg 1\r\n"
            + "LS- LEAFC $G leaf.foo\r\n"
            + "LS- LEAFC $G leaf.q qg\r\n"
            + "RMSG $G foo 5\r\nhello\r\n"
            + "RMSG $G foo rep.1 5\r\nworld\r\n"
            + "HMSG $G foo rep.2 20 25\r\nNATS/1.0\r\nX-A: 1\r\n\r\nhello\r\n"
            + "HMSG $G foo 12 12\r\nNATS/1.0\r\n\r\n\r\n"
            + "RMSG $G bar.x | q1 2\r\nq0\r\n"
            + "RMSG $G bar.y + rep.q q1 2\r\nqq\r\n"
            + "RMSG $G bar.z | q1 q2 q3 13\r\nPING\r\nRS+ x\r\n\r\n"
            + "RMSG $SYS $SYS.SERVER.ACCOUNT.$G.CONNS 2\r\n{}\r\n"
            + "LMSG LEAFC $G hub.bar 0 3\r\nabc\r\n"
            + "LMSG LEAFC $G hub.bar 12 15\r\nNATS/1.0\r\n\r\nabc\r\n"
            + "LMSG LEAFC $G hub.bar + r q1 0 2\r\nhi\r\n"
            + "A+ ACC1\r\n"
            + "A- ACC1\r\n"
            + "-ERR 'Stale Connection'\r\n";

    private static final List<String> ACCOUNT_TOKEN_OPERATIONS = List.of(
            "INFO {\"server_id\":\"NDXXXXA\",\"import\":{\"allow\":[\"foo.\\u003e\"]}} ",
            "CONNECT {\"echo\":true,\"name\":\"NDXXXXC\",\"cluster\":\"C1\"}",
            "PING",
            "PONG",
            "SUB origin=null account=$G subject=foo queue=null weight=1",
            "SUB origin=null account=$G subject=bar.* queue=q1 weight=2",
            "UNSUB origin=null account=$G subject=bar.* queue=q1",
            "UNSUB origin=null account=$G subject=foo queue=null",
            "SUB origin=LEAFC account=$G subject=leaf.foo queue=null weight=1",
            "SUB origin=LEAFC account=$G subject=leaf.q queue=qg weight=1",
            "UNSUB origin=LEAFC account=$G subject=leaf.foo queue=null",
            "UNSUB origin=LEAFC account=$G subject=leaf.q queue=qg",
            "MSG account=$G subject=foo reply=null queues=[] headers=null body=hello",
            "MSG account=$G subject=foo reply=rep.1 queues=[] headers=null body=world",
            "MSG account=$G subject=foo reply=rep.2 queues=[] headers=NATS/1.0\r\nX-A: 1\r\n\r\n body=hello",
            "MSG account=$G subject=foo reply=null queues=[] headers=NATS/1.0\r\n\r\n body=",
            "MSG account=$G subject=bar.x reply=null queues=[q1] headers=null body=q0",
            "MSG account=$G subject=bar.y reply=rep.q queues=[q1] headers=null body=qq",
            "MSG account=$G subject=bar.z reply=null queues=[q1, q2, q3] headers=null body=PING\r\nRS+ x\r\n",
            "MSG account=$SYS subject=$SYS.SERVER.ACCOUNT.$G.CONNS reply=null queues=[] headers=null body={}",
            "MSG account=$G subject=hub.bar reply=null queues=[] headers=null body=abc",
            "MSG account=$G subject=hub.bar reply=null queues=[] headers=NATS/1.0\r\n\r\n body=abc",
            "MSG account=$G subject=hub.bar reply=r queues=[q1] headers=null body=hi",
            "ERR 'Stale Connection'");

    /** A connection pinned to ACC1: no account token on any line, whatever the subject looks like. */
    private static final String PINNED_STREAM = ""
            + "RS+ foo\r\n"
            + "RS+ foo grp 1\r\n"
            + "RS- foo grp\r\n"
            + "RS- foo\r\n"
            + "RMSG foo + r grp 2\r\nhi\r\n"
            + "RMSG $SYS.SERVER.NDXXXXA.STATSZ 2\r\n{}\r\n"
            + "RMSG foo r 2\r\nhi\r\n"
            + "HMSG foo | grp 12 14\r\nNATS/1.0\r\n\r\nhi\r\n"
            + "LS+ LEAFC foo\r\n"
            + "LS- LEAFC foo\r\n"
            + "LMSG LEAFC foo 0 2\r\nhi\r\n";

    private static final List<String> PINNED_OPERATIONS = List.of(
            "SUB origin=null account=ACC1 subject=foo queue=null weight=1",
            "SUB origin=null account=ACC1 subject=foo queue=grp weight=1",
            "UNSUB origin=null account=ACC1 subject=foo queue=grp",
            "UNSUB origin=null account=ACC1 subject=foo queue=null",
            "MSG account=ACC1 subject=foo reply=r queues=[grp] headers=null body=hi",
            "MSG account=ACC1 subject=$SYS.SERVER.NDXXXXA.STATSZ reply=null queues=[] headers=null body={}",
            "MSG account=ACC1 subject=foo reply=r queues=[] headers=null body=hi",
            "MSG account=ACC1 subject=foo reply=null queues=[grp] headers=NATS/1.0\r\n\r\n body=hi",
            "SUB origin=LEAFC account=ACC1 subject=foo queue=null weight=1",
            "UNSUB origin=LEAFC account=ACC1 subject=foo queue=null",
            "MSG account=ACC1 subject=foo reply=null queues=[] headers=null body=hi");

    private static final Consumer<RouteParser> NO_SETUP = parser -> { };
    private static final Consumer<RouteParser> PINNED_TO_ACC1 = parser -> parser.pinnedTo("ACC1");

    @Test
    void parsesEveryVerbWithTheAccountTokenFedWhole() throws Exception {
        assertThat(parse(ACCOUNT_TOKEN_STREAM, NO_SETUP, List.of(ACCOUNT_TOKEN_STREAM.length())))
                .containsExactlyElementsOf(ACCOUNT_TOKEN_OPERATIONS);
    }

    @Test
    void parsesEveryVerbWithTheAccountTokenFedByteByByte() throws Exception {
        assertThat(parse(ACCOUNT_TOKEN_STREAM, NO_SETUP, byteByByte(ACCOUNT_TOKEN_STREAM)))
                .containsExactlyElementsOf(ACCOUNT_TOKEN_OPERATIONS);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 5, 8, 13, 21, 34, 55, 89})
    void parsesEveryVerbWithTheAccountTokenInRandomSplits(long seed) throws Exception {
        assertThat(parse(ACCOUNT_TOKEN_STREAM, NO_SETUP, randomSplits(ACCOUNT_TOKEN_STREAM, seed)))
                .containsExactlyElementsOf(ACCOUNT_TOKEN_OPERATIONS);
    }

    @Test
    void aPinnedConnectionReadsNoAccountTokenEvenForSysSubjects() throws Exception {
        assertThat(parse(PINNED_STREAM, PINNED_TO_ACC1, List.of(PINNED_STREAM.length())))
                .containsExactlyElementsOf(PINNED_OPERATIONS);
        assertThat(parse(PINNED_STREAM, PINNED_TO_ACC1, byteByByte(PINNED_STREAM)))
                .containsExactlyElementsOf(PINNED_OPERATIONS);
    }

    @ParameterizedTest
    @ValueSource(longs = {7, 11, 17, 19, 23})
    void aPinnedConnectionParsesTheSameInRandomSplits(long seed) throws Exception {
        assertThat(parse(PINNED_STREAM, PINNED_TO_ACC1, randomSplits(PINNED_STREAM, seed)))
                .containsExactlyElementsOf(PINNED_OPERATIONS);
    }

    @Test
    void leafUnsubscribeWithoutOriginIsReadForAPeerWithoutLnocu() throws Exception {
        String stream = "LS- $G leaf.foo\r\nLS- $G leaf.q qg\r\n";
        Consumer<RouteParser> withoutOrigin = parser -> parser.leafUnsubscribeWithOrigin(false);
        List<String> expected = List.of(
                "UNSUB origin= account=$G subject=leaf.foo queue=null",
                "UNSUB origin= account=$G subject=leaf.q queue=qg");
        assertThat(parse(stream, withoutOrigin, List.of(stream.length()))).containsExactlyElementsOf(expected);
        assertThat(parse(stream, withoutOrigin, byteByByte(stream))).containsExactlyElementsOf(expected);
    }

    @Test
    void routesApplyNeitherTheControlLineNorThePayloadLimit() throws Exception {
        StringBuilder queues = new StringBuilder();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            queues.append(" queue-group-").append(i);
            names.add("queue-group-" + i);
        }
        String body = "x".repeat(2 * 1024 * 1024);
        String stream = "RMSG $G big |" + queues + " " + body.length() + "\r\n" + body + "\r\n";
        assertThat(stream.indexOf('\r')).isGreaterThan(4096);
        assertThat(parse(stream, NO_SETUP, randomSplits(stream, 42)))
                .containsExactly("MSG account=$G subject=big reply=null queues=" + names + " headers=null body=" + body);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "RS+ $G foo q1\r\n",
            "RS+ $G foo q1 1 extra\r\n",
            "RS+ $G\r\n",
            "RS+\r\n",
            "RS- $G foo q1 1\r\n",
            "LS+ LEAFC $G foo q1\r\n",
            "RMSG $G foo x q1 2\r\nhi\r\n",
            "RMSG $G foo ++ rep q1 2\r\nhi\r\n",
            "HMSG $G foo - q1 0 2\r\nhi\r\n",
            "RMSG $G foo five\r\nhello\r\n",
            "RMSG $G 5\r\nhello\r\n",
            "HMSG $G foo 20 10\r\n0123456789\r\n",
            "RMSG $G foo 2\r\nhix\r\n",
            "SUB foo 1\r\n",
            "MSG foo 1 2\r\nhi\r\n"})
    void malformedLinesAreProtocolErrorsHoweverTheyAreSplit(String line) {
        assertThatThrownBy(() -> parse(line, NO_SETUP, List.of(line.length()))).isInstanceOf(ProtocolException.class);
        assertThatThrownBy(() -> parse(line, NO_SETUP, byteByByte(line))).isInstanceOf(ProtocolException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"RS+ foo grp\r\n", "RMSG foo * grp 2\r\nhi\r\n", "RMSG 2\r\nhi\r\n"})
    void malformedPinnedLinesAreProtocolErrors(String line) {
        assertThatThrownBy(() -> parse(line, PINNED_TO_ACC1, byteByByte(line))).isInstanceOf(ProtocolException.class);
    }

    @Test
    void aQueueWithoutWeightIsRefusedBeforeAnythingIsHandedOver() {
        RecordingRouteOperations recorder = new RecordingRouteOperations();
        RouteParser parser = new RouteParser(recorder);
        ByteBuf in = Unpooled.copiedBuffer("RS+ $G foo\r\nRS+ $G foo q1\r\nRS+ $G bar\r\n", StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> parser.parse(in)).hasMessage("processRemoteSub Parse Error: '$G foo q1'");
        assertThat(recorder.operations).containsExactly("SUB origin=null account=$G subject=foo queue=null weight=1");
    }

    @Test
    void aWeightThatIsNotANumberCountsAsOneMemberAsInNatsServer() throws ProtocolException {
        RecordingRouteOperations recorder = new RecordingRouteOperations();
        new RouteParser(recorder).parse(Unpooled.copiedBuffer("RS+ $G foo q x\r\nRS+ $G foo q -3\r\n", StandardCharsets.US_ASCII));
        assertThat(recorder.operations).containsExactly(
                "SUB origin=null account=$G subject=foo queue=q weight=1",
                "SUB origin=null account=$G subject=foo queue=q weight=1");
    }

    /**
     * -V: nats-server's line before each operation it traces (not INFO, +OK, -ERR), the arguments
     * as they came and a CONNECT's password redacted, once however the input is split.
     */
    @ParameterizedTest
    @ValueSource(longs = {0, 1, 2, 3})
    void tracesWhatNatsServerTracesOnceHoweverTheInputIsSplit(long seed) throws Exception {
        String stream = "INFO {\"server_id\":\"A\"}\r\n"
                + "CONNECT {\"echo\":true,\"user\":\"r\",\"pass\":\"secret\"}\r\n"
                + "PING\r\nPONG\r\n+OK\r\n"
                + "rs+ $G foo\r\n"
                + "RS+\t$G  bar.*  q1   2\r\n"
                + "RS- $G foo\r\n"
                + "LS+ LEAFC $G leaf.foo\r\n"
                + "RMSG $G foo 5\r\nhello\r\n"
                + "HMSG $G foo rep.2 12 14\r\nNATS/1.0\r\n\r\nhi\r\n"
                + "RMSG $G bar.x | q1 2\r\nq0\r\n"
                + "LMSG LEAFC $G hub.bar 0 3\r\nabc\r\n"
                + "A+ ACC1\r\nA- ACC1\r\n"
                + "-ERR 'Stale Connection'\r\n";
        RecordingRouteOperations recorder = new RecordingRouteOperations();
        recorder.tracing = true;
        parse(stream, NO_SETUP, seed == 0 ? byteByByte(stream) : randomSplits(stream, seed), recorder);
        assertThat(recorder.operations.stream().filter(line -> line.startsWith("TRACE "))
                .map(line -> line.substring("TRACE ".length()))).containsExactly(
                        "<<- [CONNECT {\"echo\":true,\"user\":\"r\",\"pass\":\"[REDACTED]\"}]",
                        "<<- [PING]",
                        "<<- [PONG]",
                        "<<- [RS+ $G foo]",
                        "<<- [RS+ $G  bar.*  q1   2]",
                        "<<- [RS- $G foo]",
                        "<<- [LS+ LEAFC $G leaf.foo]",
                        "<<- [RMSG $G foo 5]",
                        "<<- MSG_PAYLOAD: [\"hello\"]",
                        "<<- [HMSG $G foo rep.2 12 14]",
                        "<<- MSG_PAYLOAD: [\"NATS/1.0\\r\\n\\r\\nhi\"]",
                        "<<- [RMSG $G bar.x | q1 2]",
                        "<<- MSG_PAYLOAD: [\"q0\"]",
                        "<<- [LMSG LEAFC $G hub.bar 0 3]",
                        "<<- MSG_PAYLOAD: [\"abc\"]",
                        "<<- [A+ ACC1]",
                        "<<- [A- ACC1]");
    }

    /** Feeds {@code stream} in chunks of the given sizes through an {@link InputBuffer}, as a route connection reads. */
    private static List<String> parse(String stream, Consumer<RouteParser> setup, List<Integer> chunks)
            throws ProtocolException {
        return parse(stream, setup, chunks, new RecordingRouteOperations());
    }

    private static List<String> parse(String stream, Consumer<RouteParser> setup, List<Integer> chunks,
                                      RecordingRouteOperations recorder) throws ProtocolException {
        RouteParser parser = new RouteParser(recorder);
        setup.accept(parser);
        InputBuffer input = new InputBuffer();
        byte[] bytes = stream.getBytes(StandardCharsets.UTF_8);
        int offset = 0;
        try {
            for (int size : chunks) {
                ByteBuf read = Unpooled.buffer(size);
                read.writeBytes(bytes, offset, size);
                offset += size;
                ByteBuf in = input.append(read);
                try {
                    parser.parse(in);
                } finally {
                    input.keepUnread(UnpooledByteBufAllocator.DEFAULT);
                }
            }
        } finally {
            input.release();
        }
        assertThat(offset).isEqualTo(bytes.length);
        return recorder.operations;
    }

    private static List<Integer> byteByByte(String stream) {
        List<Integer> chunks = new ArrayList<>();
        for (int i = 0; i < stream.getBytes(StandardCharsets.UTF_8).length; i++) {
            chunks.add(1);
        }
        return chunks;
    }

    private static List<Integer> randomSplits(String stream, long seed) {
        Random random = new Random(seed);
        int remaining = stream.getBytes(StandardCharsets.UTF_8).length;
        List<Integer> chunks = new ArrayList<>();
        while (remaining > 0) {
            int size = Math.min(remaining, 1 + random.nextInt(random.nextBoolean() ? 8 : 200));
            chunks.add(size);
            remaining -= size;
        }
        return chunks;
    }
}
