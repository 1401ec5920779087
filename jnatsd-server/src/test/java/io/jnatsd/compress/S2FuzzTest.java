package io.jnatsd.compress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random and mutated inputs must either decode or fail with {@link S2FormatException}; nothing
 * else may escape, and a reader's buffers stay within its block bound. Seeded and bounded by
 * iterations and time, so a failure is reproducible from the printed seed.
 */
class S2FuzzTest {
    private static final long SEED = 20240610L;
    private static final long TIME_BUDGET_NANOS = 2_000_000_000L;
    private static final int MAX_BLOCK = 64 * 1024;

    @Test
    void randomAndMutatedBlocksDecodeOrFailWithAFormatError() {
        Random random = new Random(SEED);
        byte[][] seeds = validBlocks(random);
        byte[] destination = new byte[MAX_BLOCK];
        long deadline = System.nanoTime() + TIME_BUDGET_NANOS;
        int iterations = 0;
        for (; iterations < 200_000 && System.nanoTime() < deadline; iterations++) {
            byte[] input = iterations % 4 == 0
                    ? randomBytes(random, 1 + random.nextInt(64))
                    : mutate(seeds[random.nextInt(seeds.length)], random);
            try {
                S2BlockDecoder.decode(input, 0, input.length, destination, 0);
            } catch (S2FormatException expected) {
                // the only allowed failure
            } catch (RuntimeException e) {
                fail("iteration " + iterations + " (seed " + SEED + ") threw " + e, e);
            }
        }
        System.out.println(getClass().getSimpleName() + " iterations: " + iterations);
        assertThat(iterations).isGreaterThan(1000);
    }

    /**
     * The fast path's wild moves against a byte-at-a-time decoder: blocks of random elements
     * (literals and copies of every kind and length, offsets 1 to 7 among them, repeats with
     * every length form) and mutations of them decode to the same bytes, or fail in both.
     */
    @Test
    void randomElementBlocksDecodeAsTheByteAtATimeReference() throws S2FormatException {
        Random random = new Random(SEED + 2);
        long deadline = System.nanoTime() + TIME_BUDGET_NANOS;
        int iterations = 0;
        int failures = 0;
        for (; iterations < 20_000 && System.nanoTime() < deadline; iterations++) {
            byte[] block = RandomElements.block(random, 1 + random.nextInt(150));
            if (iterations % 2 == 1) {
                block = mutate(block, random);
            }
            byte[] expected = ReferenceBlockDecoder.decode(block);
            if (iterations % 2 == 0) {
                assertThat(expected).as("unmutated block %d", iterations).isNotNull();
            }
            byte[] destination = new byte[(expected == null ? 1 << 16 : expected.length) + S2BlockDecoder.WILD_MARGIN];
            try {
                int length = S2BlockDecoder.decode(block, 0, block.length, destination, 0);
                assertThat(expected).as("iteration %d decodes where the reference fails", iterations).isNotNull();
                assertThat(java.util.Arrays.copyOf(destination, length)).as("iteration %d", iterations).isEqualTo(expected);
            } catch (S2FormatException e) {
                failures++;
                assertThat(expected).as("iteration %d fails (%s) where the reference decodes", iterations, e.getMessage())
                        .isNull();
            }
        }
        System.out.println(getClass().getSimpleName() + " element blocks: " + iterations + ", malformed " + failures);
        assertThat(iterations).isGreaterThan(200);
        assertThat(failures).isBetween(1, iterations - 1);
    }

    @Test
    void randomAndMutatedStreamsFedInPiecesDecodeOrFailWithAFormatError() {
        Random random = new Random(SEED + 1);
        byte[][] seeds = validStreams(random);
        long deadline = System.nanoTime() + TIME_BUDGET_NANOS;
        int iterations = 0;
        for (; iterations < 50_000 && System.nanoTime() < deadline; iterations++) {
            byte[] input = iterations % 5 == 0
                    ? StreamBytes.concat(StreamBytes.s2().bytes(), randomBytes(random, random.nextInt(200)))
                    : mutate(seeds[random.nextInt(seeds.length)], random);
            S2StreamReader reader = new S2StreamReader(MAX_BLOCK);
            try {
                for (int position = 0; position < input.length; ) {
                    int piece = Math.min(input.length - position, 1 + random.nextInt(300));
                    reader.feed(input, position, piece, (bytes, offset, length) -> { });
                    position += piece;
                    assertThat(reader.retainedBytes()).isLessThanOrEqualTo(2 * MAX_BLOCK + 64 + S2BlockDecoder.WILD_MARGIN);
                }
            } catch (S2FormatException expected) {
                // the only allowed failure
            } catch (RuntimeException e) {
                fail("iteration " + iterations + " (seed " + SEED + ") threw " + e, e);
            }
        }
        System.out.println(getClass().getSimpleName() + " iterations: " + iterations);
        assertThat(iterations).isGreaterThan(1000);
    }

    private static byte[][] validBlocks(Random random) {
        byte[][] blocks = new byte[40][];
        for (int i = 0; i < blocks.length; i++) {
            Payloads kind = Payloads.values()[i % Payloads.values().length];
            S2Level level = S2Level.values()[i % S2Level.values().length];
            blocks[i] = S2StreamCodec.encodeBlock(level, kind.make(random.nextInt(3000), random));
        }
        return blocks;
    }

    private static byte[][] validStreams(Random random) {
        byte[][] streams = new byte[20][];
        for (int i = 0; i < streams.length; i++) {
            S2StreamWriter writer = new S2StreamWriter(S2Level.values()[i % 4], 1024);
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            byte[] data = Payloads.values()[i % Payloads.values().length].make(random.nextInt(5000), random);
            writer.write(data, 0, data.length, out::write);
            streams[i] = out.toByteArray();
        }
        return streams;
    }

    private static byte[] randomBytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    /** Flips bits, overwrites bytes, truncates, or inserts bytes. */
    private static byte[] mutate(byte[] original, Random random) {
        byte[] bytes = original.clone();
        int mutations = 1 + random.nextInt(4);
        for (int i = 0; i < mutations && bytes.length > 0; i++) {
            int at = random.nextInt(bytes.length);
            switch (random.nextInt(4)) {
                case 0 -> bytes[at] ^= (byte) (1 << random.nextInt(8));
                case 1 -> bytes[at] = (byte) random.nextInt(256);
                case 2 -> bytes = java.util.Arrays.copyOf(bytes, at);
                default -> {
                    byte[] longer = new byte[bytes.length + 1];
                    System.arraycopy(bytes, 0, longer, 0, at);
                    longer[at] = (byte) random.nextInt(256);
                    System.arraycopy(bytes, at, longer, at + 1, bytes.length - at);
                    bytes = longer;
                }
            }
        }
        return bytes;
    }
}
