package io.jnatsd.compress;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

/** Test payloads of the kinds route traffic and worst cases produce, seeded for reproducibility. */
enum Payloads {
    RANDOM {
        @Override
        byte[] make(int size, Random random) {
            byte[] bytes = new byte[size];
            random.nextBytes(bytes);
            return bytes;
        }
    },
    ZEROS {
        @Override
        byte[] make(int size, Random random) {
            return new byte[size];
        }
    },
    REPETITIVE {
        @Override
        byte[] make(int size, Random random) {
            byte[] period = new byte[1 + random.nextInt(300)];
            random.nextBytes(period);
            byte[] bytes = new byte[size];
            for (int i = 0; i < size; i++) {
                bytes[i] = period[i % period.length];
            }
            return bytes;
        }
    },
    JSON_MESSAGES {
        @Override
        byte[] make(int size, Random random) {
            return jsonLike(size, random);
        }
    },
    /** Random 64 KiB pieces repeated far apart: matches only at offsets beyond 65535 (copy4). */
    DISTANT_REPEATS {
        @Override
        byte[] make(int size, Random random) {
            byte[] piece = RANDOM.make(70_000, random);
            byte[] bytes = new byte[size];
            for (int i = 0; i < size; i += piece.length) {
                System.arraycopy(piece, 0, bytes, i, Math.min(piece.length, size - i));
                if (i + 10 < size) {
                    bytes[i + 10] ^= 0x55;
                }
            }
            return bytes;
        }
    };

    abstract byte[] make(int size, Random random);

    /** RMSG lines with JSON payloads, like route traffic of an application publishing events. */
    static byte[] jsonLike(int size, Random random) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(size + 512);
        String[] names = {"orders", "payments", "inventory", "shipping", "users"};
        String[] states = {"created", "updated", "cancelled", "delivered"};
        long sequence = random.nextInt(1000);
        while (out.size() < size) {
            String name = names[random.nextInt(names.length)];
            String payload = "{\"id\":\"" + Long.toHexString(random.nextLong()) + "\",\"seq\":" + sequence++
                    + ",\"type\":\"" + name + "." + states[random.nextInt(states.length)]
                    + "\",\"amount\":" + random.nextInt(100_000) / 100.0
                    + ",\"customer\":{\"name\":\"customer-" + random.nextInt(500) + "\",\"tier\":\""
                    + (random.nextBoolean() ? "gold" : "silver") + "\"},\"tags\":[\"a\",\"b\"]}";
            String line = "RMSG $G events." + name + " " + payload.length() + "\r\n" + payload + "\r\n";
            out.writeBytes(line.getBytes(StandardCharsets.US_ASCII));
        }
        return Arrays.copyOf(out.toByteArray(), size);
    }
}
