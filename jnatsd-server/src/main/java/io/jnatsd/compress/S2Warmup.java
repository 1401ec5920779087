package io.jnatsd.compress;

import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the S2 codec over made-up route traffic once per JVM, on a background thread, as soon
 * as a connection is known to compress: the first compressing encoder of a level warms that
 * level's encoder and, the first time, the decoder too (on what the fast level writes; the peer
 * of a compressing link compresses as well, but for {@code s2_auto}'s own choice of level).
 *
 * <p>Why: the JIT compiles a method for good only after thousands of calls, and a branch it
 * has not seen taken by then is compiled as a trap that throws the code away when it is taken.
 * Left to live traffic, a compressed route ran its codec interpreted or half-optimised for the
 * first seconds, and real traffic then hit such traps (incompressible blocks, distant copies,
 * long repeats) and sent it back to the slow tiers again, while the event loop it runs on
 * waited. The made-up traffic takes every branch the live traffic will, so the compiled code
 * is final before the first message, at a cost of some tens of milliseconds of CPU once per
 * JVM. Servers without compressing connections (routes default to {@code accept}, and
 * {@code s2_auto} on a fast network writes uncompressed) never start it; {@code -Djnatsd.s2.nowarmup=true}
 * turns it off (to measure what it saves).
 */
public final class S2Warmup {
    private static final Logger LOG = LoggerFactory.getLogger(S2Warmup.class);
    private static final boolean DISABLED = Boolean.getBoolean("jnatsd.s2.nowarmup");
    /**
     * Writes encoded per level and blocks decoded: the JIT's last tier compiles a method (not
     * only its loop) after a few thousand calls, more while its compile queue is long.
     */
    private static final int ENCODE_WRITES = 2500;
    private static final int DECODE_BLOCKS = 4000;
    /** An upper bound on the warm-up's time, for a machine too busy to finish it sooner. */
    private static final long TIME_LIMIT_NANOS = 3_000_000_000L;
    /** Write sizes cycled through, a quiet route's flushes; {@link #writeSize} adds a busy route's. */
    private static final int[] WRITE_SIZES = {300, 1024, 2048, 300, 4096, 1024, 300, 16 * 1024};

    private static final Set<S2Level> WARMED_ENCODERS = EnumSet.noneOf(S2Level.class);
    private static boolean decoderWarmed;

    private S2Warmup() {
    }

    /**
     * Starts warming {@code level}'s encoder, and the decoder, unless this JVM has done so
     * already; returns at once. Nothing for {@link S2Level#UNCOMPRESSED}.
     */
    public static void forLevel(S2Level level) {
        if (level == S2Level.UNCOMPRESSED) {
            return;
        }
        boolean decoder;
        synchronized (WARMED_ENCODERS) {
            if (!WARMED_ENCODERS.add(level)) {
                return;
            }
            decoder = !decoderWarmed;
            decoderWarmed = true;
        }
        start("s2-warmup-" + level.name().toLowerCase(java.util.Locale.ROOT), () -> {
            warmEncoder(level);
            if (decoder) {
                warmDecoder();
            }
        });
    }

    private static void start(String name, Runnable work) {
        if (DISABLED) {
            return;
        }
        // No line when it ends: nats-server's debug log has none, and log watchers diff the two.
        Thread thread = new Thread(() -> {
            try {
                work.run();
            } catch (RuntimeException e) {
                LOG.debug("{} stopped: {}", name, e.toString());
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Encodes the sample in writes of every size, as a route's flushes arrive. */
    static void warmEncoder(S2Level level) {
        byte[] sample = sample();
        S2StreamWriter writer = new S2StreamWriter(level);
        byte[] destination = new byte[writer.maxStreamLength(sample.length)];
        long deadline = System.nanoTime() + TIME_LIMIT_NANOS;
        int writes = level == S2Level.BEST ? ENCODE_WRITES / 4 : ENCODE_WRITES;
        for (int turn = 0; turn < writes && System.nanoTime() < deadline; turn++) {
            int size = writeSize(turn);
            int offset = (turn * 7919) % (sample.length - size);
            writer.write(sample, offset, size, destination, 0);
        }
    }

    /** Decodes the sample as the fast level writes it, in flush-sized writes, block by block. */
    static void warmDecoder() {
        byte[] sample = sample();
        S2StreamWriter writer = new S2StreamWriter(S2Level.FAST);
        byte[] stream = new byte[2 * sample.length]; // room for every write's framing
        int length = 0;
        for (int offset = 0, turn = 0; offset < sample.length; turn++) {
            int size = Math.min(writeSize(turn), sample.length - offset);
            length += writer.write(sample, offset, size, stream, length);
            offset += size;
        }
        long deadline = System.nanoTime() + TIME_LIMIT_NANOS;
        ByteSink sink = (bytes, offset, count) -> { };
        try {
            for (int blocks = 0; blocks < DECODE_BLOCKS && System.nanoTime() < deadline; ) {
                S2StreamReader reader = new S2StreamReader();
                for (int position = 0; position < length; blocks++) {
                    position += reader.feedOneBlock(stream, position, length - position, sink);
                }
            }
        } catch (S2FormatException e) {
            throw new IllegalStateException("the warm-up's own stream does not decode", e);
        }
    }

    /** Mostly small writes, every 128th a busy route's flush, every 512th a large one (distant copies). */
    private static int writeSize(int turn) {
        return turn % 512 == 511 ? 200 * 1024 : turn % 128 == 127 ? 64 * 1024 : WRITE_SIZES[turn % WRITE_SIZES.length];
    }

    /**
     * Route traffic with what live traffic brings: RMSG lines with JSON documents (same keys,
     * fresh values), runs of one byte (long repeats and short-period copies), a stretch of
     * random bytes (an incompressible block) and a piece repeated more than 64 KiB later
     * (four-byte offsets).
     */
    static byte[] sample() {
        SplittableRandom random = new SplittableRandom(0x5eed);
        byte[] out = new byte[256 * 1024];
        int position = 0;
        while (position < 80 * 1024) {
            position = put(out, position, message(random));
        }
        java.util.Arrays.fill(out, position, position + 3000, (byte) ' ');
        position += 3000;
        for (int i = 0; i < 20 * 1024; i++) {
            out[position++] = (byte) random.nextInt(256);
        }
        while (position < 120 * 1024) {
            position = put(out, position, message(random));
        }
        System.arraycopy(out, 1024, out, position, 64 * 1024);
        position += 64 * 1024;
        while (position < out.length - 4096) {
            position = put(out, position, message(random));
        }
        return java.util.Arrays.copyOf(out, position);
    }

    private static int put(byte[] out, int position, byte[] bytes) {
        System.arraycopy(bytes, 0, out, position, bytes.length);
        return position + bytes.length;
    }

    private static byte[] message(SplittableRandom random) {
        StringBuilder json = new StringBuilder("{\"readings\":[");
        int readings = 1 + random.nextInt(12);
        for (int i = 0; i < readings; i++) {
            json.append(i == 0 ? "" : ",").append("{\"sensor_id\":\"sensor-").append(random.nextInt(10_000))
                    .append("\",\"timestamp\":").append(1_700_000_000_000L + random.nextInt(1 << 30))
                    .append(",\"value\":").append(random.nextInt(-2000, 4000) / 10.0)
                    .append(",\"status\":\"").append(random.nextBoolean() ? "ok" : "degraded").append("\"}");
        }
        json.append("]}");
        String payload = json.toString();
        String line = "RMSG $G sensors." + random.nextInt(50) + " " + payload.length() + "\r\n" + payload + "\r\n";
        return line.getBytes(StandardCharsets.US_ASCII);
    }
}
