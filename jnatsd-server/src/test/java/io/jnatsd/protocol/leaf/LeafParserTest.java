package io.jnatsd.protocol.leaf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jnatsd.protocol.MessageFrame;
import io.jnatsd.protocol.ProtocolException;
import io.jnatsd.protocol.QueueNames;
import io.jnatsd.transport.InputBuffer;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The leaf dialect as captured in LEAFNODES.md §7, whole, byte by byte and in random splits. */
class LeafParserTest {
    private static final String STREAM = "INFO {\"server_id\":\"H\"} \r\n"
            + "CONNECT {\"name\":\"L1\"}\r\n"
            + "PING\r\nPONG\r\n"
            + "LS+ leaf.foo\r\n"
            + "LS+ leaf.q qg 2\r\n"
            + "LS- leaf.q qg\r\n"
            + "LS- leaf.foo\r\n"
            + "LMSG leaf.foo 5\r\nhello\r\n"
            + "LMSG leaf.foo rep.1 5\r\nworld\r\n"
            + "HMSG leaf.foo 20 22\r\nNATS/1.0\r\nX-A: 1\r\n\r\nhi\r\n"
            + "LMSG hub.q | qg 2\r\nQ0\r\n"
            + "LMSG fz.a + r.2 qq q2 2\r\nab\r\n"
            + "-ERR 'Loop detected'\r\n";

    private static final List<String> EXPECTED = List.of(
            "INFO {\"server_id\":\"H\"} ", "CONNECT {\"name\":\"L1\"}", "PING", "PONG",
            "LS+ leaf.foo null 1", "LS+ leaf.q qg 2", "LS- leaf.q qg", "LS- leaf.foo null",
            "MSG leaf.foo null -1 [] hello", "MSG leaf.foo rep.1 -1 [] world",
            "MSG leaf.foo null 20 [] NATS/1.0\r\nX-A: 1\r\n\r\nhi", "MSG hub.q null -1 [qg] Q0",
            "MSG fz.a r.2 -1 [qq, q2] ab", "ERR 'Loop detected'");

    @Test
    void everyVerbOfTheDialectParsesWholeAndSplit() throws ProtocolException {
        assertThat(parse(STREAM, List.of(STREAM.length()))).isEqualTo(EXPECTED);
        List<Integer> single = new ArrayList<>();
        for (int i = 0; i < STREAM.length(); i++) {
            single.add(1);
        }
        assertThat(parse(STREAM, single)).isEqualTo(EXPECTED);
        for (long seed = 0; seed < 20; seed++) {
            Random random = new Random(seed);
            List<Integer> chunks = new ArrayList<>();
            for (int remaining = STREAM.length(); remaining > 0; ) {
                int size = Math.min(remaining, 1 + random.nextInt(30));
                chunks.add(size);
                remaining -= size;
            }
            assertThat(parse(STREAM, chunks)).as("seed %d", seed).isEqualTo(EXPECTED);
        }
    }

    @Test
    void aWeightThatIsNotANumberCountsAsOneMemberAsInNatsServer() throws ProtocolException {
        assertThat(parse("LS+ foo bar x\r\n")).containsExactly("LS+ foo bar 1");
    }

    @Test
    void wrongArgumentCountsCloseWithoutAnErrorToThePeer() {
        assertThatThrownBy(() -> parse("LS+ foo bar\r\n")).isInstanceOf(ProtocolException.class)
                .hasMessage("processLeafSub Parse Error: 'foo bar'")
                .satisfies(e -> assertThat(((ProtocolException) e).error()).isNull());
        assertThatThrownBy(() -> parse("LMSG x y z 2\r\nab\r\n")).isInstanceOf(ProtocolException.class)
                .hasMessage("processLeafMsgArgs Bad or Missing Reply Indicator: 'x y z 2'");
        assertThatThrownBy(() -> parse("LS- a b c\r\n")).isInstanceOf(ProtocolException.class);
        assertThatThrownBy(() -> parse("HMSG x 5 2\r\nab\r\n")).isInstanceOf(ProtocolException.class);
    }

    /** -V: nats-server's line before each operation it traces (not INFO, +OK, -ERR), once however the input is split. */
    @Test
    void tracesWhatNatsServerTracesOnceHoweverTheInputIsSplit() throws ProtocolException {
        List<String> traced = List.of(
                "<<- [CONNECT {\"name\":\"L1\"}]", "<<- [PING]", "<<- [PONG]",
                "<<- [LS+ leaf.foo]", "<<- [LS+ leaf.q qg 2]", "<<- [LS- leaf.q qg]", "<<- [LS- leaf.foo]",
                "<<- [LMSG leaf.foo 5]", "<<- MSG_PAYLOAD: [\"hello\"]",
                "<<- [LMSG leaf.foo rep.1 5]", "<<- MSG_PAYLOAD: [\"world\"]",
                "<<- [HMSG leaf.foo 20 22]", "<<- MSG_PAYLOAD: [\"NATS/1.0\\r\\nX-A: 1\\r\\n\\r\\nhi\"]",
                "<<- [LMSG hub.q | qg 2]", "<<- MSG_PAYLOAD: [\"Q0\"]",
                "<<- [LMSG fz.a + r.2 qq q2 2]", "<<- MSG_PAYLOAD: [\"ab\"]");
        List<Integer> single = new ArrayList<>();
        for (int i = 0; i < STREAM.length(); i++) {
            single.add(1);
        }
        for (List<Integer> chunks : List.of(List.of(STREAM.length()), single)) {
            assertThat(parse(STREAM, chunks, true).stream().filter(line -> line.startsWith("TRACE "))
                    .map(line -> line.substring("TRACE ".length()))).containsExactlyElementsOf(traced);
        }
    }

    private static List<String> parse(String stream) throws ProtocolException {
        return parse(stream, List.of(stream.length()));
    }

    private static List<String> parse(String stream, List<Integer> chunks) throws ProtocolException {
        return parse(stream, chunks, false);
    }

    private static List<String> parse(String stream, List<Integer> chunks, boolean tracing) throws ProtocolException {
        List<String> seen = new ArrayList<>();
        LeafParser parser = new LeafParser(new LeafOperations() {
            @Override
            public boolean tracing() {
                return tracing;
            }

            @Override
            public void trace(String text) {
                seen.add("TRACE " + text);
            }

            @Override
            public void info(String json) {
                seen.add("INFO " + json);
            }

            @Override
            public void connect(String json) {
                seen.add("CONNECT " + json);
            }

            @Override
            public void ping() {
                seen.add("PING");
            }

            @Override
            public void pong() {
                seen.add("PONG");
            }

            @Override
            public void error(String text) {
                seen.add("ERR " + text);
            }

            @Override
            public void subscribe(String subject, String queue, int weight) {
                seen.add("LS+ " + subject + " " + queue + " " + weight);
            }

            @Override
            public void unsubscribe(String subject, String queue) {
                seen.add("LS- " + subject + " " + queue);
            }

            @Override
            public void message(MessageFrame m, QueueNames queues) {
                List<String> names = new ArrayList<>();
                for (int i = 0; i < queues.size(); i++) {
                    names.add(queues.get(i));
                }
                seen.add("MSG " + m.subject() + " " + m.reply() + " " + (m.hasHeaders() ? m.headerSize() : -1) + " "
                        + names + " " + m.buffer().toString(m.payloadStart(), m.totalSize(), StandardCharsets.UTF_8));
            }
        });
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
        return seen;
    }
}
