package io.jnatsd.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Traced CONNECT passwords and payloads as nats-server 2.10.27 traces them (the expected texts are
 * from its log).
 */
class InboundTraceTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"verbose\":false,\"user\":\"u\",\"pass\":\"p\",\"auth_token\":\"t\"}|{\"verbose\":false,\"user\":\"u\",\"pass\":\"[REDACTED]\",\"auth_token\":\"t\"}",
        "{\"sig\":\"abc\",\"pass\":\"p\\\"q\",\"verbose\":false}|{\"sig\":\"abc\",\"pass\":\"[REDACTED]\"q\",\"verbose\":false}",
        "{\"pass\" : \"x\", \"pass\":\"y\"}|{\"pass\" : \"[REDACTED]\", \"pass\":\"y\"}",
        "{\"user\":\"pass\",\"pass\":123}|{\"user\":\"pass\",\"pass\":[REDACTED]}",
        "{\"verbose\":false}|{\"verbose\":false}"})
    void theFirstPasswordIsRedactedAsNatsServerDoes(String connect, String traced) {
        assertThat(InboundTrace.withoutPassword(connect)).isEqualTo(traced);
    }

    /** (max_traced_msg_len, payload, what follows {@code <<- MSG_PAYLOAD: }). */
    static Stream<Arguments> payloads() {
        return Stream.of(
                Arguments.of(5, "hello", "[\"hello\"]"),
                Arguments.of(5, "hello!", "[\"hello...\"]"),
                Arguments.of(5, "0123456789", "[\"01234...\"]"),
                Arguments.of(5, "", "[\"\"]"),
                // the quoted text is cut, escapes and all
                Arguments.of(5, "a\nb\u0001cdefg", "[\"a\\nb\\...\"]"),
                Arguments.of(5, "ab\tcdefgh", "[\"ab\\tc...\"]"),
                Arguments.of(5, "\"\"\"\"\"\"\"", "[\"\\\"\\\"\\...\"]"),
                Arguments.of(5, "éééxyz", "[\"éé\\...\"]"),
                // nats-server logs the first byte of é here, which reads as U+FFFD
                Arguments.of(3, "\néxxxxxxxx", "[\"\\n\uFFFD...\"]"),
                // a header block counts as payload
                Arguments.of(5, "NATS/1.0\r\nA: B\r\n\r\nxy", "[\"NATS/...\"]"),
                Arguments.of(0, "hello world", "[\"hello world\"]"),
                Arguments.of(-1, "hello world", "[\"hello world\"]"));
    }

    @ParameterizedTest
    @MethodSource("payloads")
    void aPayloadOverTheLimitIsCutAsNatsServerCutsIt(int maxLength, String payload, String traced) {
        byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
        ByteBuf in = Unpooled.buffer().writeBytes("PUB foo 1\r\n".getBytes(StandardCharsets.US_ASCII))
                .writeBytes(bytes);
        assertThat(InboundTrace.payload(in, 11, bytes.length, maxLength)).isEqualTo("<<- MSG_PAYLOAD: " + traced);
    }
}
