package io.jnatsd.bench.wire;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class FrameScannerTest {

    private static final String STREAM = "INFO {\"server_id\":\"x\"} \r\n"
        + "MSG a.b 1 5\r\nhello\r\n"
        + "PING\r\n"
        + "MSG a.b 1 reply.to 0\r\n\r\n"
        + "MSG a.b 1 12\r\nPING\r\nPONG\r\n\r\n"
        + "+OK\r\n";

    private static final List<String> EXPECTED_LINES = List.of("INFO {\"server_id\":\"x\"} ", "MSG a.b 1 5", "PING",
        "MSG a.b 1 reply.to 0", "MSG a.b 1 12", "+OK");

    @Test
    void handsOverEachControlLineAndSkipsPayloadsEvenWhenTheyLookLikeControlLines() {
        assertThat(scanInPieces(STREAM.getBytes(StandardCharsets.UTF_8), new int[] {STREAM.length()}))
            .containsExactlyElementsOf(EXPECTED_LINES);
    }

    @Test
    void givesTheSameLinesWhenFedByteByByte() {
        byte[] bytes = STREAM.getBytes(StandardCharsets.UTF_8);
        int[] pieces = new int[bytes.length];
        java.util.Arrays.fill(pieces, 1);
        assertThat(scanInPieces(bytes, pieces)).containsExactlyElementsOf(EXPECTED_LINES);
    }

    @Test
    void givesTheSameLinesForRandomSplits() {
        byte[] bytes = STREAM.getBytes(StandardCharsets.UTF_8);
        Random random = new Random(42);
        for (int round = 0; round < 200; round++) {
            List<Integer> pieces = new ArrayList<>();
            int remaining = bytes.length;
            while (remaining > 0) {
                int piece = Math.min(remaining, 1 + random.nextInt(20));
                pieces.add(piece);
                remaining -= piece;
            }
            assertThat(scanInPieces(bytes, pieces.stream().mapToInt(Integer::intValue).toArray()))
                .containsExactlyElementsOf(EXPECTED_LINES);
        }
    }

    @Test
    void acceptsLinesEndedByALineFeedAlone() {
        assertThat(scanInPieces("PING\nPONG\r\n".getBytes(StandardCharsets.US_ASCII), new int[] {11}))
            .containsExactly("PING", "PONG");
    }

    @Test
    void skipsPayloadsLargerThanOneRead() {
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        byte[] payload = new byte[100_000];
        java.util.Arrays.fill(payload, (byte) '\n');
        stream.writeBytes("MSG big 1 100000\r\n".getBytes(StandardCharsets.US_ASCII));
        stream.writeBytes(payload);
        stream.writeBytes("\r\nPONG\r\n".getBytes(StandardCharsets.US_ASCII));
        byte[] bytes = stream.toByteArray();
        int[] pieces = new int[bytes.length / 4096 + 1];
        java.util.Arrays.fill(pieces, 4096);
        pieces[pieces.length - 1] = bytes.length - 4096 * (pieces.length - 1);
        assertThat(scanInPieces(bytes, pieces)).containsExactly("MSG big 1 100000", "PONG");
    }

    private static List<String> scanInPieces(byte[] bytes, int[] pieces) {
        List<String> lines = new ArrayList<>();
        FrameScanner scanner = new FrameScanner((buffer, offset, length) -> {
            lines.add(new String(buffer, offset, length, StandardCharsets.UTF_8));
            return ControlLine.hasVerb(buffer, offset, length, "MSG")
                ? ControlLine.lastTokenAsSize(buffer, offset, length) : FrameScanner.NO_PAYLOAD;
        });
        int offset = 0;
        for (int piece : pieces) {
            scanner.scan(bytes, offset, piece);
            offset += piece;
        }
        return lines;
    }
}
