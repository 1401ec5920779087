package io.jnatsd.compress;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class S2WarmupTest {

    @Test
    void theSampleHoldsWhatLiveTrafficBrings() throws S2FormatException {
        byte[] sample = S2Warmup.sample();
        byte[] compressed = S2StreamCodec.compress(S2Level.FAST, sample);
        assertThat(compressed.length).as("JSON messages compress").isLessThan(sample.length / 2);
        assertThat(S2StreamCodec.decompress(compressed)).isEqualTo(sample);
        assertThat(S2StreamCodec.decompressInPieces(compressed, new Random(1), 4096)).isEqualTo(sample);
    }

    @Test
    void everyLevelAndTheDecoderWarmWithinTheirBounds() {
        long began = System.nanoTime();
        for (S2Level level : S2Level.values()) {
            if (level != S2Level.UNCOMPRESSED) {
                S2Warmup.warmEncoder(level);
            }
        }
        S2Warmup.warmDecoder();
        assertThat(System.nanoTime() - began).as("nanoseconds").isLessThan(4 * 3_000_000_000L);
    }
}
