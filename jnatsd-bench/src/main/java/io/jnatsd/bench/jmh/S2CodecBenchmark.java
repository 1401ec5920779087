package io.jnatsd.bench.jmh;

import io.jnatsd.bench.wire.JsonPublisher;
import io.jnatsd.compress.S2FormatException;
import io.jnatsd.compress.S2Level;
import io.jnatsd.compress.S2StreamReader;
import io.jnatsd.compress.S2StreamWriter;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * S2 stream encode and decode of route traffic, per level, payload kind and write size: 64 KiB
 * stands for a busy route's flush, 1 KiB for a quiet one.
 *
 * <p>Payloads: {@code rmsg} is RMSG lines of short JSON events on five subjects; {@code json}
 * is RMSG lines carrying the 1 KiB sensor documents of {@code bin/bench route-ratio} (the same
 * keys, fresh values: what the route-compression targets are measured with); {@code json128}
 * is the same at the bench's 128 B size, where no reading fits and every document is the same
 * padded {@code {"readings":[]}}, so the stream is one long repeat. The
 * {@code UNCOMPRESSED} level is the baseline beside the others: framing and CRC-32C alone, the
 * floor any level pays.
 *
 * <p>Throughput is operations per second of one write of {@code writeSize} bytes; MB/s is
 * ops/s times writeSize. The set-up prints the compressed size as a percentage of the input
 * ({@code # S2 ratio ...} lines). Run: {@code bin/bench jmh S2CodecBenchmark}
 * (or with JMH options, e.g. {@code -p level=FAST -p payload=json}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class S2CodecBenchmark {
    @Param({"UNCOMPRESSED", "FAST", "BETTER", "BEST"})
    public S2Level level;

    @Param({"rmsg", "json", "json128"})
    public String payload;

    @Param({"1024", "65536"})
    public int writeSize;

    /**
     * Distinct inputs of {@code writeSize} bytes (at least 4 MiB of them together), taken in turn:
     * a codec run on one input again and again is measured with its branches learnt by the CPU,
     * about half the cost the same code has on a route's ever new traffic.
     */
    private byte[][] inputs;
    private byte[][] compressed;
    private int next;
    private byte[] destination;
    private S2StreamWriter writer;
    private S2StreamReader reader;

    @Setup(Level.Trial)
    public void setUp() throws S2FormatException {
        int count = Math.max(4, (4 << 20) / writeSize);
        byte[] data = switch (payload) {
            case "json" -> sensorDocuments(writeSize * count, 1024);
            case "json128" -> sensorDocuments(writeSize * count, 128);
            default -> routeTraffic(writeSize * count, new Random(7));
        };
        writer = new S2StreamWriter(level);
        destination = new byte[writer.maxStreamLength(writeSize)];
        inputs = new byte[count][];
        compressed = new byte[count][];
        long total = 0;
        for (int i = 0; i < count; i++) {
            inputs[i] = java.util.Arrays.copyOfRange(data, i * writeSize, (i + 1) * writeSize);
            int length = writer.write(inputs[i], 0, writeSize, destination, 0);
            compressed[i] = java.util.Arrays.copyOf(destination, length);
            total += length;
        }
        System.out.printf("# S2 ratio %s %s writeSize=%d: %.1f%% of the input%n", level, payload, writeSize,
                100.0 * total / ((long) writeSize * count));
        reader = new S2StreamReader();
        byte[] identifier = {(byte) 0xff, 6, 0, 0, 'S', '2', 's', 'T', 'w', 'O'};
        reader.feed(identifier, 0, identifier.length, (bytes, offset, length) -> { });
    }

    @Benchmark
    public int encode() {
        byte[] input = inputs[next];
        next = next + 1 == inputs.length ? 0 : next + 1;
        return writer.write(input, 0, input.length, destination, 0);
    }

    @Benchmark
    public void decode(Blackhole blackhole) throws S2FormatException {
        byte[] input = compressed[next];
        next = next + 1 == compressed.length ? 0 : next + 1;
        reader.feed(input, 0, input.length, (bytes, offset, length) -> blackhole.consume(bytes[offset]));
    }

    /** RMSG lines with the route-ratio command's JSON documents of {@code payloadSize}, cut to {@code size} bytes. */
    static byte[] sensorDocuments(int size, int payloadSize) {
        byte[] header = ("RMSG $G bench.json " + payloadSize + "\r\n").getBytes(StandardCharsets.US_ASCII);
        int frame = header.length + payloadSize + 2;
        byte[] out = new byte[(size / frame + 1) * frame];
        SplittableRandom random = new SplittableRandom(42);
        for (int offset = 0; offset < out.length; offset += frame) {
            System.arraycopy(header, 0, out, offset, header.length);
            int end = JsonPublisher.document(random, payloadSize, out, offset + header.length);
            out[end] = '\r';
            out[end + 1] = '\n';
        }
        return java.util.Arrays.copyOf(out, size);
    }

    static byte[] routeTraffic(int size, Random random) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(size + 512);
        String[] names = {"orders", "payments", "inventory", "shipping", "users"};
        long sequence = 0;
        while (out.size() < size) {
            String name = names[random.nextInt(names.length)];
            String payload = "{\"id\":\"" + Long.toHexString(random.nextLong()) + "\",\"seq\":" + sequence++
                    + ",\"type\":\"" + name + ".updated\",\"amount\":" + random.nextInt(100_000) / 100.0
                    + ",\"customer\":{\"name\":\"customer-" + random.nextInt(500) + "\"}}";
            String line = "RMSG $G events." + name + " " + payload.length() + "\r\n" + payload + "\r\n";
            out.writeBytes(line.getBytes(StandardCharsets.US_ASCII));
        }
        return java.util.Arrays.copyOf(out.toByteArray(), size);
    }
}
