package io.jnatsd.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;

import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every verb and argument form of the client dialect, fed whole, byte by byte and in random
 * splits: all three must record the same operations (CLIENT.md §2 and §5).
 */
class ClientParserTest {
    private static final int SPLITS_PER_CASE = 20;
    private static final String CLOSE_UNKNOWN = "CLOSE Unknown Protocol Operation";
    private static final String CLOSE_SILENTLY = "CLOSE -";
    private static final String CLOSE_CONTROL_LINE = "CLOSE maximum control line exceeded";

    static Stream<Arguments> validStreams() {
        return Stream.of(
                of("PING", "PING\r\n", "PING"),
                of("verbs in any case", "ping\r\npInG\r\nPong\r\n", "PING", "PING", "PONG"),
                of("PING ignores the rest of its line", "PINGX\r\nPING extra words\r\n", "PING", "PING"),
                of("+OK is ignored, with anything after it", "+OK\r\n+ok whatever\r\n"),
                of("INFO with a JSON object or null is ignored", "INFO {\"a\":1}\r\nINFO null\r\nINFO\t{}\r\n"),
                of("CONNECT", "CONNECT {\"verbose\":false}\r\n", "CONNECT {\"verbose\":false}"),
                of("CONNECT after a tab, lower case", "connect\t{}\r\n", "CONNECT {}"),
                of("CONNECT without a blank", "CONNECT{}\r\n", "CONNECT {}"),
                of("PUB", "PUB foo 5\r\nhello\r\n", "PUB foo - -1 5 (5) [hello]"),
                of("PUB with reply, tabs and runs of blanks", "pub\tfoo \t reply\t\t5  \r\nhello\r\n",
                        "PUB foo reply -1 5 (5) [hello]"),
                of("PUB of size zero", "PUB foo 0\r\n\r\n", "PUB foo - -1 0 (0) []"),
                of("payload holding CRLF", "PUB foo 4\r\n\r\n\r\n\r\n", "PUB foo - -1 4 (4) [\r\n\r\n]"),
                of("sizes keep their bytes", "PUB foo 002\r\nhi\r\n", "PUB foo - -1 2 (002) [hi]"),
                of("lines ending in LF alone", "PUB foo 2\nhi\r\nPING\n", "PUB foo - -1 2 (2) [hi]", "PING"),
                of("HPUB", "HPUB foo 12 14\r\nNATS/1.0\r\n\r\nhi\r\n",
                        "PUB foo - 12 14 (14) [NATS/1.0\r\n\r\nhi]"),
                of("HPUB with reply and an empty header block", "HPUB foo rep 0 2\r\nhi\r\n",
                        "PUB foo rep -1 2 (2) [hi]"),
                of("SUB forms", "SUB foo 1\r\nSUB foo q 2\r\nsub\tbar\t\tabc\r\n",
                        "SUB foo - 1", "SUB foo q 2", "SUB bar - abc"),
                of("SUB splits at a CR inside the line", "SUB foo\r 1\r\n", "SUB foo - 1"),
                of("UNSUB forms", "UNSUB 1\r\nUNSUB 1 5\r\nunsub 1 x\r\n", "UNSUB 1 0", "UNSUB 1 5", "UNSUB 1 -1"),
                of("UTF-8 subjects", "SUB föö 1\r\nPUB föö 2\r\nhi\r\n", "SUB föö - 1", "PUB föö - -1 2 (2) [hi]"),
                of("HMSG followed by an empty payload", "HMSG foo 1 2 2\r\n\r\n", "PUB  - -1 0 (-) []"),
                of("arguments of exactly max_control_line", "SUB " + "a".repeat(4094) + " 1\r\n",
                        "SUB " + "a".repeat(4094) + " - 1"),
                of("an unterminated line of exactly max_control_line", "SUB " + "a".repeat(4096)),
                of("PING lines are not limited", "PING " + "x".repeat(5000) + "\r\n", "PING"));
    }

    static Stream<Arguments> refusedStreams() {
        return Stream.of(
                of("unknown verb", "FOO bar\r\n", CLOSE_UNKNOWN),
                of("unknown verb without line end", "FOO", CLOSE_UNKNOWN),
                of("wrong letter after a verb prefix", "PING\r\nPUX", "PING", CLOSE_UNKNOWN),
                of("empty line", "\r\n", CLOSE_UNKNOWN),
                of("PUB without a blank", "PUB\r\n", CLOSE_UNKNOWN),
                of("SUB without a blank", "SUBfoo 1\r\n", CLOSE_UNKNOWN),
                of("UNSUB without a blank", "UNSUB\r\n", CLOSE_UNKNOWN),
                of("-ERR without a blank", "-ERR\r\n", CLOSE_UNKNOWN),
                of("truncated verb", "PIN\r\n", CLOSE_UNKNOWN),
                of("MSG from a client", "MSG foo 1 2\r\nhi\r\n", CLOSE_UNKNOWN),
                of("route verbs from a client", "RS+ $G foo\r\n", CLOSE_UNKNOWN),
                of("leaf verbs from a client", "LS+ foo\r\n", CLOSE_UNKNOWN),
                of("HMSG followed by a payload", "HMSG foo 1 12 14\r\nNATS", CLOSE_UNKNOWN),
                of("client -ERR", "-ERR 'oops'\r\n", CLOSE_SILENTLY),
                of("INFO with bad JSON", "INFO garbage\r\n", CLOSE_SILENTLY),
                of("INFO with a JSON array", "INFO []\r\n", CLOSE_SILENTLY),
                of("PUB with one argument", "PUB foo\r\n", CLOSE_SILENTLY),
                of("PUB with a blank only", "PUB \r\n", CLOSE_SILENTLY),
                of("PUB with four arguments", "PUB foo r 1 x\r\n", CLOSE_SILENTLY),
                of("PUB with a negative size", "PUB foo -1\r\n", CLOSE_SILENTLY),
                of("PUB with a ten-digit size", "PUB foo 0000000001\r\n", CLOSE_SILENTLY),
                of("HPUB with one size", "HPUB foo 2\r\n", CLOSE_SILENTLY),
                of("HPUB with header size above total", "HPUB foo 5 4\r\n", CLOSE_SILENTLY),
                of("SUB with one argument", "SUB foo\r\n", CLOSE_SILENTLY),
                of("SUB with four arguments", "SUB a b c d\r\n", CLOSE_SILENTLY),
                of("UNSUB with a blank only", "UNSUB \r\n", CLOSE_SILENTLY),
                of("UNSUB with three arguments", "UNSUB 1 2 3\r\n", CLOSE_SILENTLY),
                of("payload longer than announced", "PUB foo 2\r\nabc\r\n", CLOSE_UNKNOWN),
                of("payload followed by LF alone", "PUB foo 2\r\nab\n\r\n", CLOSE_UNKNOWN),
                of("wrong byte after the payload, before the rest arrives", "PUB foo 2\r\nabX", CLOSE_UNKNOWN),
                of("CR after the payload but no LF", "PUB foo 2\r\nab\rX", CLOSE_UNKNOWN),
                of("arguments one byte over max_control_line", "SUB " + "a".repeat(4095) + " 1\r\n", CLOSE_CONTROL_LINE),
                of("an unterminated line over max_control_line", "SUB " + "a".repeat(4097), CLOSE_CONTROL_LINE),
                of("a long CONNECT", "CONNECT {\"name\":\"" + "n".repeat(5000) + "\"}\r\n", CLOSE_CONTROL_LINE),
                of("an endless PING line", "PING " + "x".repeat(70_000), CLOSE_CONTROL_LINE));
    }

    private static Arguments of(String name, String input, String... expected) {
        return Arguments.of(name, input, List.of(expected));
    }

    /**
     * nats-server 2.10.27's log text for arguments over max_control_line (copied from its log): the
     * parser state of the verb's arguments, what it had kept from earlier reads (0 for a complete
     * line), and up to 128 bytes of the arguments, one short when they are shorter.
     */
    @Test
    void controlLineOverTheLimitReadsAsNatsServersError() {
        assertThat(controlLineError("PUB " + "a".repeat(80) + " 1\r\nx\r\n")).isEqualTo(
                "maximum control line exceeded: State 33, max_control_line 64, Buffer len 0 (snip: \"" + "a".repeat(80) + " \"...)");
        assertThat(controlLineError("SUB " + "a".repeat(100))).isEqualTo(
                "maximum control line exceeded: State 47, max_control_line 64, Buffer len 100 (snip: \"" + "a".repeat(99) + "\"...)");
        assertThat(controlLineError("UNSUB " + "a".repeat(200) + "\r\n")).isEqualTo(
                "maximum control line exceeded: State 65, max_control_line 64, Buffer len 0 (snip: \"" + "a".repeat(128) + "\"...)");
        assertThat(controlLineError("CONNECT {\"name\":\"" + "n".repeat(60) + "\"}\r\n")).isEqualTo(
                "maximum control line exceeded: State 17, max_control_line 64, Buffer len 0 (snip: \"{\\\"name\\\":\\\""
                        + "n".repeat(60) + "\\\"\"...)");
    }

    private static String controlLineError(String input) {
        ClientParser parser = new ClientParser(64, new RecordingOperations());
        ProtocolException e = catchThrowableOfType(
                () -> parser.parse(Unpooled.copiedBuffer(input, StandardCharsets.US_ASCII)), ProtocolException.class);
        assertThat(e.error()).isEqualTo(ProtocolError.MAXIMUM_CONTROL_LINE_EXCEEDED);
        return e.getMessage();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource({"validStreams", "refusedStreams"})
    void feedsWholeByteByByteAndInRandomSplitsAlike(String name, String input, List<String> expected) {
        assertSameWhicheverWayFed(input, expected, ops -> { });
    }

    @Test
    void aPayloadUpToMaxPayloadIsAcceptedAndOneByteMoreIsRefusedBeforeItArrives() {
        Consumer<RecordingOperations> small = ops -> ops.maxPayload = 16;
        assertSameWhicheverWayFed("PUB foo 16\r\n" + "p".repeat(16) + "\r\n",
                List.of("PUB foo - -1 16 (16) [" + "p".repeat(16) + "]"), small);
        assertSameWhicheverWayFed("PUB foo 17\r\n", List.of("CLOSE Maximum Payload Violation"), small);
        assertSameWhicheverWayFed("HPUB foo 2 17\r\n", List.of("CLOSE Maximum Payload Violation"), small);
    }

    @Test
    void hpubWithoutHeaderSupportClosesSilentlyEvenWhenTooLarge() {
        Consumer<RecordingOperations> noHeaders = ops -> {
            ops.headers = false;
            ops.maxPayload = 16;
        };
        assertSameWhicheverWayFed("HPUB foo 0 2\r\nhi\r\n", List.of(CLOSE_SILENTLY), noHeaders);
        assertSameWhicheverWayFed("HPUB foo 2 100\r\n", List.of(CLOSE_SILENTLY), noHeaders);
    }

    @Test
    void withAuthRequiredEveryLineBeforeConnectMustStartWithC() {
        Consumer<RecordingOperations> auth = ops -> ops.authRequired = true;
        assertSameWhicheverWayFed("PING\r\n", List.of("CLOSE Authorization Violation"), auth);
        assertSameWhicheverWayFed("P", List.of("CLOSE Authorization Violation"), auth);
        assertSameWhicheverWayFed("FOO\r\n", List.of("CLOSE Authorization Violation"), auth);
        assertSameWhicheverWayFed("COX\r\n", List.of(CLOSE_UNKNOWN), auth);
        assertSameWhicheverWayFed("connect {}\r\nPING\r\n", List.of("CONNECT {}", "PING"), auth);
    }

    @Test
    void randomValidStreamsParseTheSameWhicheverWayTheyAreSplit() {
        Random random = new Random(20240601L);
        for (int iteration = 0; iteration < 300; iteration++) {
            String input = ProtocolStreams.randomValidStream(random, 1 + random.nextInt(12));
            List<String> whole = ParserRun.whole(input);
            assertThat(whole).as(input).noneMatch(event -> event.startsWith("CLOSE"));
            assertThat(ParserRun.byteByByte(input, ops -> { })).as(input).isEqualTo(whole);
            for (int split = 0; split < 5; split++) {
                assertThat(ParserRun.randomSplits(input, random, ops -> { })).as(input).isEqualTo(whole);
            }
        }
    }

    @Test
    void corruptedStreamsFailOrSucceedTheSameWhicheverWayTheyAreSplit() {
        Random random = new Random(7L);
        for (int iteration = 0; iteration < 300; iteration++) {
            String input = ProtocolStreams.corrupt(ProtocolStreams.randomValidStream(random, 1 + random.nextInt(8)), random);
            List<String> whole = ParserRun.whole(input);
            assertThat(ParserRun.byteByByte(input, ops -> { })).as(input).isEqualTo(whole);
            for (int split = 0; split < 5; split++) {
                assertThat(ParserRun.randomSplits(input, random, ops -> { })).as(input).isEqualTo(whole);
            }
        }
    }

    private static void assertSameWhicheverWayFed(String input, List<String> expected, Consumer<RecordingOperations> setUp) {
        assertThat(ParserRun.whole(input, setUp)).as("whole").isEqualTo(expected);
        assertThat(ParserRun.byteByByte(input, setUp)).as("byte by byte").isEqualTo(expected);
        Random random = new Random(input.hashCode());
        for (int i = 0; i < SPLITS_PER_CASE; i++) {
            assertThat(ParserRun.randomSplits(input, random, setUp)).as("random split %d", i).isEqualTo(expected);
        }
    }
}
