package io.jnatsd.bench.wire;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ControlLineTest {

    @Test
    void matchesVerbsCaseInsensitivelyAndOnlyAsWholeWords() {
        assertThat(hasVerb("msg a 1 2", "MSG")).isTrue();
        assertThat(hasVerb("PING", "PING")).isTrue();
        assertThat(hasVerb("PINGX", "PING")).isFalse();
        assertThat(hasVerb("PON", "PONG")).isFalse();
        assertThat(hasVerb("-ERR 'Slow'", "-ERR")).isTrue();
    }

    @Test
    void readsThePayloadSizeFromTheLastToken() {
        assertThat(size("MSG a.b 7 reply 1024")).isEqualTo(1024);
        assertThat(size("PUB a.b\t16  ")).isEqualTo(16);
        assertThatThrownBy(() -> size("MSG a.b 7 x1")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void countsTokensSeparatedByAnyRunOfSpacesOrTabs() {
        byte[] line = "MSG  a.b\t7 reply 3".getBytes(StandardCharsets.US_ASCII);
        assertThat(ControlLine.countTokens(line, 0, line.length)).isEqualTo(5);
        assertThat(ControlLine.token(line, 0, line.length, 1)).isEqualTo("a.b");
        assertThat(ControlLine.token(line, 0, line.length, 5)).isNull();
    }

    private static boolean hasVerb(String line, String verb) {
        byte[] bytes = line.getBytes(StandardCharsets.US_ASCII);
        return ControlLine.hasVerb(bytes, 0, bytes.length, verb);
    }

    private static int size(String line) {
        byte[] bytes = line.getBytes(StandardCharsets.US_ASCII);
        return ControlLine.lastTokenAsSize(bytes, 0, bytes.length);
    }
}
