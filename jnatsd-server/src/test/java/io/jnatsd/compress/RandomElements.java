package io.jnatsd.compress;

import java.io.ByteArrayOutputStream;
import java.util.Random;

/**
 * Valid S2 blocks made of random elements, including forms the encoders rarely or never write:
 * copies from 1 to 7 bytes back, 1-byte copy2s, long literals with every length-byte count,
 * copy4s, and repeats with 0 to 3 extra length bytes.
 */
final class RandomElements {
    private RandomElements() {
    }

    static byte[] block(Random random, int elements) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int size = 0;
        boolean copied = false;
        for (int i = 0; i < elements; i++) {
            int kind = size == 0 ? 0 : random.nextInt(copied ? 6 : 5);
            switch (kind) {
                case 0, 1 -> size += literal(body, random, random.nextInt(8) == 0 ? 1 + random.nextInt(300) : 1 + random.nextInt(20));
                case 2 -> {
                    int length = 4 + random.nextInt(8);
                    int offset = offset(random, Math.min(size, 2047));
                    body.write((offset >>> 8) << 5 | (length - 4) << 2 | 1);
                    body.write(offset);
                    size += length;
                    copied = true;
                }
                case 3 -> {
                    int length = 1 + random.nextInt(64);
                    int offset = offset(random, Math.min(size, 65535));
                    body.write((length - 1) << 2 | 2);
                    body.write(offset);
                    body.write(offset >>> 8);
                    size += length;
                    copied = true;
                }
                case 4 -> {
                    int length = 1 + random.nextInt(64);
                    int offset = offset(random, size);
                    body.write((length - 1) << 2 | 3);
                    for (int b = 0; b < 4; b++) {
                        body.write(offset >>> (8 * b));
                    }
                    size += length;
                    copied = true;
                }
                default -> size += repeat(body, random);
            }
        }
        ByteArrayOutputStream block = new ByteArrayOutputStream();
        for (int remaining = size; ; remaining >>>= 7) {
            if (remaining < 0x80) {
                block.write(remaining);
                break;
            }
            block.write(remaining & 0x7f | 0x80);
        }
        block.writeBytes(body.toByteArray());
        return block.toByteArray();
    }

    /** Mostly short distances, where copies overlap what they produce. */
    private static int offset(Random random, int max) {
        return random.nextBoolean() ? 1 + random.nextInt(Math.min(max, 9)) : 1 + random.nextInt(max);
    }

    private static int literal(ByteArrayOutputStream body, Random random, int length) {
        int n = length - 1;
        int needed = n < 60 ? 0 : n < 1 << 8 ? 1 : 2;
        int extra = needed == 0 && random.nextInt(4) > 0 ? 0 : Math.max(needed, 1 + random.nextInt(4));
        if (extra == 0) {
            body.write(n << 2);
        } else {
            body.write((59 + extra) << 2);
            for (int b = 0; b < extra; b++) {
                body.write(n >>> (8 * b));
            }
        }
        for (int i = 0; i < length; i++) {
            body.write('a' + random.nextInt(4));
        }
        return length;
    }

    private static int repeat(ByteArrayOutputStream body, Random random) {
        int form = random.nextInt(50) == 0 ? 7 : random.nextInt(7);
        if (form < 5) {
            body.write(form << 2 | 1);
            body.write(0);
            return form + 4;
        }
        int extra = form - 4;
        int bias = new int[] {0, 8, 260, 65540}[extra];
        int value = random.nextInt(extra == 1 ? 256 : 300);
        body.write(form << 2 | 1);
        body.write(0);
        for (int b = 0; b < extra; b++) {
            body.write(value >>> (8 * b));
        }
        return value + bias;
    }
}
