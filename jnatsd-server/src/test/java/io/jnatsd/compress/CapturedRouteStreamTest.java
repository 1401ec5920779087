package io.jnatsd.compress;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Streams written by nats-server 2.10.27 on a compressed route, captured by
 * {@link NatsServerRouteInteropTest} (the first chunks of the connection carrying its messages):
 * they decode whole, byte by byte and in random pieces to the same route protocol text.
 */
class CapturedRouteStreamTest {

    @ParameterizedTest
    @ValueSource(strings = {"nats-server-210-s2_fast.s2", "nats-server-210-s2_best.s2"})
    void aStreamWrittenByNatsServerDecodesToRouteProtocol(String fixture) throws IOException {
        byte[] stream = read(fixture);
        byte[] decoded = S2StreamCodec.decompress(stream);
        assertThat(S2StreamCodec.decompressInPieces(stream, new Random(1), 1)).isEqualTo(decoded);
        assertThat(S2StreamCodec.decompressInPieces(stream, new Random(2), 700)).isEqualTo(decoded);
        assertThat(S2StreamWriterTest.chunkTypes(stream)).contains(0x00, 0x01, 0xff);
        String text = new String(decoded, StandardCharsets.ISO_8859_1);
        assertThat(text).startsWith("INFO {").contains("\"compression\":\"" + fixture.substring(16, fixture.length() - 3) + "\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"nats-server-210-s2_fast.s2"})
    void theCapturedMessagesCarryThePublishedPayloads(String fixture) throws IOException {
        String text = new String(S2StreamCodec.decompress(read(fixture)), StandardCharsets.ISO_8859_1);
        int found = 0;
        for (byte[] payload : NatsServerRouteInteropTest.payloads(new Random(42))) {
            String message = "RMSG $G to.b " + payload.length + "\r\n" + new String(payload, StandardCharsets.ISO_8859_1) + "\r\n";
            if (text.contains(message)) {
                found++;
            }
        }
        assertThat(found).isGreaterThanOrEqualTo(10);
    }

    private static byte[] read(String fixture) throws IOException {
        try (InputStream in = CapturedRouteStreamTest.class.getResourceAsStream("/s2/" + fixture)) {
            assertThat(in).as(fixture).isNotNull();
            return in.readAllBytes();
        }
    }
}
