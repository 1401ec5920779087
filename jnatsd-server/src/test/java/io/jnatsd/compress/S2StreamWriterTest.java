package io.jnatsd.compress;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class S2StreamWriterTest {
    private static final byte[] PING = "PING\r\n".getBytes(StandardCharsets.US_ASCII);

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    @ParameterizedTest
    @EnumSource(S2Level.class)
    void aPingIsWrittenExactlyAsNatsServerWritesIt(S2Level level) {
        new S2StreamWriter(level).write(PING, 0, PING.length, out::write);
        assertThat(out.toByteArray()).isEqualTo(StreamBytes.hex("ff060000 53327354774f 010a0000 ab90cc24 50494e470d0a"));
    }

    @Test
    void thePongChecksumMatchesTheReferenceVector() {
        byte[] pong = "PONG\r\n".getBytes(StandardCharsets.US_ASCII);
        assertThat(StreamBytes.checksum(pong)).isEqualTo(StreamBytes.hex("f56f1be4"));
        new S2StreamWriter(S2Level.FAST).write(pong, 0, pong.length, out::write);
        assertThat(Arrays.copyOfRange(out.toByteArray(), 14, 18)).isEqualTo(StreamBytes.hex("f56f1be4"));
    }

    @Test
    void theStreamIdentifierIsWrittenOnceUntilTheStreamRestarts() {
        S2StreamWriter writer = new S2StreamWriter(S2Level.FAST);
        writer.write(PING, 0, PING.length, out::write);
        writer.write(PING, 0, PING.length, out::write);
        assertThat(out.size()).isEqualTo(10 + 14 + 14);
        out.reset();
        writer.restartStream();
        writer.write(PING, 0, PING.length, out::write);
        assertThat(out.toByteArray()[0]).isEqualTo((byte) 0xff);
    }

    @Test
    void anEmptyWriteWritesNothing() {
        S2StreamWriter writer = new S2StreamWriter(S2Level.FAST);
        writer.write(PING, 0, 0, out::write);
        assertThat(writer.write(PING, 0, 0, new byte[writer.maxStreamLength(0)], 0)).isZero();
        assertThat(out.size()).isZero();
    }

    @Test
    void compressibleDataGoesAsCompressedChunksAndIncompressibleAsUncompressed() {
        byte[] json = Payloads.jsonLike(5000, new Random(1));
        assertThat(chunkTypes(S2Level.FAST, json)).containsExactly(0xff, 0x00);
        byte[] random = Payloads.RANDOM.make(5000, new Random(1));
        assertThat(chunkTypes(S2Level.BEST, random)).containsExactly(0xff, 0x01);
        assertThat(chunkTypes(S2Level.UNCOMPRESSED, json)).containsExactly(0xff, 0x01);
    }

    @Test
    void aLargeWriteIsCutIntoBlocksOfTheBlockSize() throws S2FormatException {
        byte[] json = Payloads.jsonLike(10_000, new Random(2));
        S2StreamWriter writer = new S2StreamWriter(S2Level.BETTER, 4096);
        List<Integer> sinkCalls = new ArrayList<>();
        writer.write(json, 0, json.length, (bytes, offset, length) -> {
            sinkCalls.add(length);
            out.write(bytes, offset, length);
        });
        assertThat(sinkCalls).hasSize(3);
        assertThat(chunkTypes(out.toByteArray())).containsExactly(0xff, 0x00, 0x00, 0x00);
        assertThat(S2StreamCodec.decompress(out.toByteArray())).isEqualTo(json);
    }

    @Test
    void theArrayAndSinkFormsWriteTheSameBytes() {
        byte[] json = Payloads.jsonLike(300_000, new Random(3));
        new S2StreamWriter(S2Level.FAST, 65536).write(json, 0, json.length, out::write);
        S2StreamWriter writer = new S2StreamWriter(S2Level.FAST, 65536);
        byte[] destination = new byte[3 + writer.maxStreamLength(json.length)];
        int written = writer.write(json, 0, json.length, destination, 3);
        assertThat(Arrays.copyOfRange(destination, 3, 3 + written)).isEqualTo(out.toByteArray());
    }

    @Test
    void directSourceBuffersAreConsumed() throws S2FormatException {
        byte[] json = Payloads.jsonLike(200_000, new Random(4));
        ByteBuffer direct = ByteBuffer.allocateDirect(json.length);
        direct.put(json).flip();
        new S2StreamWriter(S2Level.FAST, 65536).write(direct, out::write);
        assertThat(direct.hasRemaining()).isFalse();
        assertThat(S2StreamCodec.decompress(out.toByteArray())).isEqualTo(json);
    }

    private static List<Integer> chunkTypes(S2Level level, byte[] data) {
        return chunkTypes(S2StreamCodec.compress(level, data));
    }

    static List<Integer> chunkTypes(byte[] stream) {
        List<Integer> types = new ArrayList<>();
        for (int position = 0; position < stream.length; ) {
            types.add(stream[position] & 0xff);
            int length = (stream[position + 1] & 0xff) | (stream[position + 2] & 0xff) << 8 | (stream[position + 3] & 0xff) << 16;
            position += 4 + length;
        }
        return types;
    }
}
