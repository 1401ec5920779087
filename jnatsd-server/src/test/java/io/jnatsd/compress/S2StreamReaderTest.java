package io.jnatsd.compress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class S2StreamReaderTest {
    private static final byte[] PING = "PING\r\n".getBytes(StandardCharsets.US_ASCII);
    /** The bytes nats-server 2.10 writes for a PING on a compressed route (ROUTES.md section 10). */
    private static final byte[] CAPTURED_PING = StreamBytes.hex("ff060000 53327354774f 010a0000 ab90cc24 50494e470d0a");

    private final ByteArrayOutputStream decoded = new ByteArrayOutputStream();
    private final S2StreamReader reader = new S2StreamReader();

    private void feed(byte[] bytes) throws S2FormatException {
        reader.feed(bytes, 0, bytes.length, decoded::write);
    }

    @Test
    void thePingCapturedFromNatsServerDecodes() throws S2FormatException {
        feed(CAPTURED_PING);
        assertThat(decoded.toByteArray()).isEqualTo(PING);
        assertThat(reader.isAtChunkBoundary()).isTrue();
    }

    @Test
    void aStreamFedOneByteAtATimeDecodesAndReportsPartialChunks() throws S2FormatException {
        for (int i = 0; i < CAPTURED_PING.length; i++) {
            reader.feed(CAPTURED_PING, i, 1, decoded::write);
            assertThat(reader.isAtChunkBoundary()).isEqualTo(i == 9 || i == CAPTURED_PING.length - 1);
        }
        assertThat(decoded.toByteArray()).isEqualTo(PING);
    }

    @Test
    void compressedChunksDecodeAndRepeatedIdentifiersAreAccepted() throws S2FormatException {
        byte[] data = "hello hello hello hello".getBytes(StandardCharsets.US_ASCII);
        byte[] block = S2StreamCodec.encodeBlock(S2Level.FAST, data);
        feed(StreamBytes.s2().compressed(data, block).bytes());
        feed(StreamBytes.s2().uncompressed(PING).bytes());
        assertThat(decoded.toString(StandardCharsets.US_ASCII)).isEqualTo("hello hello hello helloPING\r\n");
    }

    /**
     * A busy route's large blocks are decoded into one buffer, not a new array each (which was
     * garbage at the route's rate); once small blocks come again, the large buffer is given up.
     */
    @Test
    void largeBlocksReuseOneDecodeBufferWhichIsGivenUpWhenBlocksAreSmallAgain() throws S2FormatException {
        java.util.Set<byte[]> arrays = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        byte[] large = new byte[512 * 1024];
        for (int i = 0; i < large.length; i++) {
            large[i] = (byte) ('a' + i % 7 + (i / 4096) % 3);
        }
        byte[] largeChunk = StreamBytes.s2().compressed(large, S2StreamCodec.encodeBlock(S2Level.FAST, large)).bytes();
        for (int i = 0; i < 8; i++) {
            reader.feed(largeChunk, 0, largeChunk.length, (bytes, offset, length) -> arrays.add(bytes));
        }
        assertThat(arrays).hasSize(1);

        byte[] small = "hello hello hello hello".getBytes(StandardCharsets.US_ASCII);
        byte[] smallChunk = new StreamBytes().compressed(small, S2StreamCodec.encodeBlock(S2Level.FAST, small)).bytes();
        int[] lastLength = new int[1];
        for (int i = 0; i < 64; i++) {
            reader.feed(smallChunk, 0, smallChunk.length, (bytes, offset, length) -> lastLength[0] = bytes.length);
        }
        assertThat(lastLength[0]).isLessThanOrEqualTo(S2StreamReader.RETAINED_BUFFER_SIZE);
    }

    @Test
    void snappyStreamsAreAccepted() throws S2FormatException {
        feed(new StreamBytes().chunk(0xff, "sNaPpY".getBytes(StandardCharsets.US_ASCII)).uncompressed(PING).bytes());
        assertThat(decoded.toByteArray()).isEqualTo(PING);
    }

    @Test
    void paddingAndSkippableChunksAreSkippedEvenWhenSplit() throws S2FormatException {
        byte[] stream = StreamBytes.s2().chunk(0xfe, new byte[1000]).chunk(0x80, new byte[3]).chunk(0xfd, new byte[0])
                .uncompressed(PING).bytes();
        for (int i = 0; i < stream.length; i++) {
            reader.feed(stream, i, 1, decoded::write);
        }
        assertThat(decoded.toByteArray()).isEqualTo(PING);
    }

    @Test
    void emptyDataChunksProduceNothing() throws S2FormatException {
        feed(StreamBytes.s2().uncompressed(new byte[0]).compressed(new byte[0], new byte[] {0}).bytes());
        assertThat(decoded.size()).isZero();
    }

    @Test
    void aStreamNotStartingWithAnIdentifierIsRejected() {
        assertRejected(new StreamBytes().uncompressed(PING).bytes(), "not an identifier");
    }

    @Test
    void anUnknownIdentifierIsRejected() {
        assertRejected(new StreamBytes().chunk(0xff, "S2sTwX".getBytes(StandardCharsets.US_ASCII)).bytes(), "identifier");
        byte[] longIdentifier = new StreamBytes().chunk(0xff, "S2sTwO!".getBytes(StandardCharsets.US_ASCII)).bytes();
        assertThatThrownBy(() -> new S2StreamReader().feed(longIdentifier, 0, longIdentifier.length, decoded::write))
                .isInstanceOf(S2FormatException.class).hasMessageContaining("length");
    }

    @Test
    void reservedUnskippableChunkTypesAreRejected() {
        assertRejected(StreamBytes.s2().chunk(0x02, new byte[4]).bytes(), "reserved");
        assertRejected(StreamBytes.s2().chunk(0x7f, new byte[4]).bytes(), "reserved");
    }

    @Test
    void aChecksumMismatchIsRejected() {
        byte[] stream = CAPTURED_PING.clone();
        stream[stream.length - 1] ^= 1;
        assertRejected(stream, "checksum");
        byte[] data = "abcdabcdabcdabcdabcdabcd".getBytes(StandardCharsets.US_ASCII);
        byte[] wrongData = data.clone();
        wrongData[0] = 'x';
        assertRejected(StreamBytes.s2().compressed(wrongData, S2StreamCodec.encodeBlock(S2Level.FAST, data)).bytes(), "checksum");
    }

    @Test
    void anOversizedChunkIsRejectedFromItsHeaderBeforeItsBodyArrives() {
        S2StreamReader small = new S2StreamReader(1024);
        byte[] header = StreamBytes.concat(StreamBytes.s2().bytes(), new byte[] {0x01, (byte) 0xff, (byte) 0xff, (byte) 0xff});
        assertThatThrownBy(() -> small.feed(header, 0, header.length, decoded::write))
                .isInstanceOf(S2FormatException.class).hasMessageContaining("outside");
        byte[] compressedHeader = StreamBytes.concat(StreamBytes.s2().bytes(), new byte[] {0x00, 0x00, 0x10, 0x00});
        assertThatThrownBy(() -> new S2StreamReader(1024).feed(compressedHeader, 0, compressedHeader.length, decoded::write))
                .isInstanceOf(S2FormatException.class).hasMessageContaining("outside");
    }

    @Test
    void aBlockDeclaringMoreThanTheMaximumIsRejectedBeforeDecoding() {
        byte[] zeros = new byte[5000];
        byte[] block = S2StreamCodec.encodeBlock(S2Level.FAST, zeros);
        S2StreamReader small = new S2StreamReader(4096);
        byte[] stream = StreamBytes.s2().compressed(zeros, block).bytes();
        assertThatThrownBy(() -> small.feed(stream, 0, stream.length, decoded::write))
                .isInstanceOf(S2FormatException.class).hasMessageContaining("limit");
    }

    @Test
    void snappyStreamsAreHeldToSnappysBlockLimit() {
        byte[] big = new byte[(1 << 16) + 1];
        byte[] stream = new StreamBytes().chunk(0xff, "sNaPpY".getBytes(StandardCharsets.US_ASCII))
                .compressed(big, S2StreamCodec.encodeBlock(S2Level.FAST, big)).bytes();
        assertRejected(stream, "limit");
    }

    @Test
    void aFailureIsFinal() {
        assertRejected(new StreamBytes().uncompressed(PING).bytes(), "identifier");
        assertThatThrownBy(() -> feed(CAPTURED_PING)).isInstanceOf(S2FormatException.class);
    }

    @Test
    void directBuffersAreConsumedLikeArrays() throws S2FormatException {
        byte[] data = Payloads.jsonLike(100_000, new Random(5));
        byte[] stream = S2StreamCodec.compress(S2Level.FAST, data);
        ByteBuffer direct = ByteBuffer.allocateDirect(stream.length);
        direct.put(stream).flip();
        reader.feed(direct, decoded::write);
        assertThat(direct.hasRemaining()).isFalse();
        assertThat(decoded.toByteArray()).isEqualTo(data);
    }

    @Test
    void aWholeUncompressedChunkIsHandedOverAsASliceOfTheInput() throws S2FormatException {
        byte[][] seen = new byte[1][];
        reader.feed(CAPTURED_PING, 0, CAPTURED_PING.length, (bytes, offset, length) -> seen[0] = bytes);
        assertThat(seen[0]).isSameAs(CAPTURED_PING);
    }

    private void assertRejected(byte[] stream, String messagePart) {
        assertThatThrownBy(() -> feed(stream)).isInstanceOf(S2FormatException.class).hasMessageContaining(messagePart);
    }
}
