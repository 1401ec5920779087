package io.jnatsd.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Feeds one input to a fresh {@link ClientParser} in chunks, the way a connection does: unread
 * bytes are kept (and moved to the front of the buffer) and the next chunk is appended. The
 * outcome is the list of recorded operations, ending with {@code CLOSE <error>} when the parser
 * refused the input ({@code CLOSE -} for a close without -ERR).
 */
final class ParserRun {
    static final int MAX_CONTROL_LINE = 4096;

    private ParserRun() {
    }

    static List<String> whole(String input) {
        return whole(input, ops -> { });
    }

    static List<String> whole(String input, Consumer<RecordingOperations> setUp) {
        byte[] bytes = input.getBytes(StandardCharsets.UTF_8);
        return run(bytes, new int[] {bytes.length}, setUp);
    }

    static List<String> byteByByte(String input, Consumer<RecordingOperations> setUp) {
        byte[] bytes = input.getBytes(StandardCharsets.UTF_8);
        int[] chunks = new int[bytes.length];
        java.util.Arrays.fill(chunks, 1);
        return run(bytes, chunks, setUp);
    }

    /** Splits at random points; small chunks are favoured so that every state gets split. */
    static List<String> randomSplits(String input, Random random, Consumer<RecordingOperations> setUp) {
        byte[] bytes = input.getBytes(StandardCharsets.UTF_8);
        List<Integer> chunks = new ArrayList<>();
        for (int remaining = bytes.length; remaining > 0; ) {
            int size = Math.min(remaining, 1 + (random.nextBoolean() ? random.nextInt(8) : random.nextInt(64)));
            chunks.add(size);
            remaining -= size;
        }
        return run(bytes, chunks.stream().mapToInt(Integer::intValue).toArray(), setUp);
    }

    private static List<String> run(byte[] bytes, int[] chunks, Consumer<RecordingOperations> setUp) {
        RecordingOperations operations = new RecordingOperations();
        setUp.accept(operations);
        ClientParser parser = new ClientParser(MAX_CONTROL_LINE, operations);
        ByteBuf kept = Unpooled.buffer();
        try {
            int offset = 0;
            for (int chunk : chunks) {
                kept.writeBytes(bytes, offset, chunk);
                offset += chunk;
                parser.parse(kept);
                kept.discardReadBytes();
            }
        } catch (ProtocolException e) {
            operations.events.add("CLOSE " + (e.error() == null ? "-" : e.error().text()));
        } finally {
            kept.release();
        }
        return operations.events;
    }
}
