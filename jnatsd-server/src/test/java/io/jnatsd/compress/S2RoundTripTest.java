package io.jnatsd.compress;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class S2RoundTripTest {
    private static final int[] SIZES = {0, 1, 7, 15, 16, 17, 63, 100, 1000, 4096, 65_535, 65_536, 100_000,
            (1 << 20) + 7};

    static Stream<Arguments> levelsKindsAndSizes() {
        List<Arguments> cases = new ArrayList<>();
        for (S2Level level : S2Level.values()) {
            for (Payloads kind : Payloads.values()) {
                for (int size : SIZES) {
                    cases.add(Arguments.of(level, kind, size));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1} {2} bytes")
    @MethodSource("levelsKindsAndSizes")
    void aBlockDecodesToWhatWasEncoded(S2Level level, Payloads kind, int size) throws S2FormatException {
        byte[] data = kind.make(size, new Random(size * 31L + kind.ordinal()));
        byte[] block = S2StreamCodec.encodeBlock(level, data);
        assertThat(S2StreamCodec.decodeBlock(block)).isEqualTo(data);
    }

    @ParameterizedTest(name = "{0} {1} {2} bytes")
    @MethodSource("levelsKindsAndSizes")
    void aStreamFedInRandomPiecesDecodesToWhatWasWritten(S2Level level, Payloads kind, int size) throws S2FormatException {
        Random random = new Random(size * 17L + level.ordinal());
        byte[] data = kind.make(size, random);
        byte[] stream = S2StreamCodec.compress(level, data);
        assertThat(S2StreamCodec.decompress(stream)).isEqualTo(data);
        assertThat(S2StreamCodec.decompressInPieces(stream, random, 1 + size / 3)).isEqualTo(data);
        if (size <= 100_000) {
            assertThat(S2StreamCodec.decompressInPieces(stream, random, 1)).isEqualTo(data);
        }
    }

    @ParameterizedTest
    @EnumSource(value = S2Level.class, names = {"FAST", "BETTER", "BEST"})
    void compressibleDataShrinksAndIncompressibleDataGrowsOnlyByFraming(S2Level level) {
        byte[] json = Payloads.jsonLike(1 << 20, new Random(1));
        assertThat(S2StreamCodec.compress(level, json).length).isLessThan(json.length / 2);
        byte[] random = Payloads.RANDOM.make(1 << 20, new Random(2));
        assertThat(S2StreamCodec.compress(level, random).length).isEqualTo(random.length + 10 + 8);
    }

    @ParameterizedTest
    @EnumSource(S2Level.class)
    void aFewMebibytesOfJsonSpanningSeveralBlocksRoundTrip(S2Level level) throws S2FormatException {
        byte[] json = Payloads.jsonLike((3 << 20) + 11, new Random(5));
        assertThat(S2StreamCodec.decompressInPieces(S2StreamCodec.compress(level, json), new Random(6), 1 << 20))
                .isEqualTo(json);
    }

    @org.junit.jupiter.api.Test
    void higherLevelsCompressJsonAtLeastAsWellAsLowerOnes() {
        byte[] json = Payloads.jsonLike(256 * 1024, new Random(3));
        int fast = S2StreamCodec.compress(S2Level.FAST, json).length;
        int better = S2StreamCodec.compress(S2Level.BETTER, json).length;
        int best = S2StreamCodec.compress(S2Level.BEST, json).length;
        assertThat(better).isLessThanOrEqualTo(fast);
        assertThat(best).isLessThanOrEqualTo(better);
    }

    @org.junit.jupiter.api.Test
    void aWriterReusedForManySmallWritesStaysDecodable() throws S2FormatException {
        Random random = new Random(4);
        for (S2Level level : S2Level.values()) {
            S2StreamWriter writer = new S2StreamWriter(level);
            java.io.ByteArrayOutputStream expected = new java.io.ByteArrayOutputStream();
            java.io.ByteArrayOutputStream stream = new java.io.ByteArrayOutputStream();
            for (int i = 0; i < 2000; i++) {
                byte[] message = Payloads.jsonLike(1 + random.nextInt(600), random);
                expected.writeBytes(message);
                writer.write(message, 0, message.length, stream::write);
            }
            assertThat(S2StreamCodec.decompressInPieces(stream.toByteArray(), random, 5000))
                    .isEqualTo(expected.toByteArray());
        }
    }
}
