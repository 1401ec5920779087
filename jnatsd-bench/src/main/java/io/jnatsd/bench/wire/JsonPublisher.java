package io.jnatsd.bench.wire;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Publishes JSON documents of one size with the same keys in every message and fresh values in
 * each: the repetitive-but-not-identical traffic route compression is meant for. Identical
 * messages would compress far better than any real workload, so every document differs.
 */
public final class JsonPublisher {

    private static final int BATCH_BYTES = 64 * 1024;
    private static final String[] STATUSES = {"ok", "warning", "degraded", "ok", "ok"};

    private final RawConnection connection;
    private final byte[] header;
    private final int payloadSize;
    private final SplittableRandom random = new SplittableRandom(42);

    public JsonPublisher(RawConnection connection, String subject, int payloadSize) {
        this.connection = connection;
        this.header = ("PUB " + subject + " " + payloadSize + "\r\n").getBytes(StandardCharsets.US_ASCII);
        this.payloadSize = payloadSize;
    }

    /** Publishes {@code count} documents, then flushes with PING/PONG. */
    public void publish(long count, long flushDeadlineNanos) throws IOException {
        byte[] batch = new byte[BATCH_BYTES + header.length + payloadSize + 2];
        int used = 0;
        for (long i = 0; i < count; i++) {
            System.arraycopy(header, 0, batch, used, header.length);
            used += header.length;
            used = document(random, payloadSize, batch, used);
            batch[used++] = '\r';
            batch[used++] = '\n';
            if (used >= BATCH_BYTES) {
                connection.write(batch, 0, used);
                used = 0;
            }
        }
        connection.write(batch, 0, used);
        connection.flush(flushDeadlineNanos);
    }

    /**
     * Writes one document of exactly {@code payloadSize} bytes at {@code offset}: an array of
     * readings, padded with spaces; returns the offset after it. Also what the S2 codec's JMH
     * benchmark compresses.
     */
    public static int document(SplittableRandom random, int payloadSize, byte[] target, int offset) {
        StringBuilder json = new StringBuilder(payloadSize).append("{\"readings\":[");
        String separator = "";
        while (true) {
            String reading = separator + reading(random);
            if (json.length() + reading.length() + 2 > payloadSize) {
                break;
            }
            json.append(reading);
            separator = ",";
        }
        json.append("]}");
        byte[] bytes = json.toString().getBytes(StandardCharsets.US_ASCII);
        int length = Math.min(bytes.length, payloadSize);
        System.arraycopy(bytes, 0, target, offset, length);
        Arrays.fill(target, offset + length, offset + payloadSize, (byte) ' ');
        return offset + payloadSize;
    }

    private static String reading(SplittableRandom random) {
        return "{\"sensor_id\":\"sensor-" + random.nextInt(10_000) + "\",\"timestamp\":" + (1_700_000_000_000L + random.nextInt(1 << 30))
            + ",\"temperature_celsius\":" + random.nextInt(-200, 400) / 10.0
            + ",\"humidity_percent\":" + random.nextInt(1000) / 10.0
            + ",\"status\":\"" + STATUSES[random.nextInt(STATUSES.length)] + "\"}";
    }
}
