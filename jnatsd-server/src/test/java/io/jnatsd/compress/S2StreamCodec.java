package io.jnatsd.compress;

import java.io.ByteArrayOutputStream;
import java.util.Random;

/** Whole-buffer helpers over the incremental reader and writer, for tests. */
final class S2StreamCodec {
    private S2StreamCodec() {
    }

    static byte[] compress(S2Level level, byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new S2StreamWriter(level).write(data, 0, data.length, out::write);
        return out.toByteArray();
    }

    static byte[] decompress(byte[] stream) throws S2FormatException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new S2StreamReader().feed(stream, 0, stream.length, out::write);
        return out.toByteArray();
    }

    /** Feeds the stream in random pieces of 1 to {@code maxPiece} bytes. */
    static byte[] decompressInPieces(byte[] stream, Random random, int maxPiece) throws S2FormatException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        S2StreamReader reader = new S2StreamReader();
        for (int position = 0; position < stream.length; ) {
            int piece = Math.min(stream.length - position, 1 + random.nextInt(maxPiece));
            reader.feed(stream, position, piece, out::write);
            position += piece;
        }
        return out.toByteArray();
    }

    static byte[] encodeBlock(S2Level level, byte[] data) {
        byte[] block = new byte[S2BlockEncoder.maxEncodedLength(data.length)];
        int length = new S2BlockEncoder(level).encode(data, 0, data.length, block, 0);
        return java.util.Arrays.copyOf(block, length);
    }

    static byte[] decodeBlock(byte[] block) throws S2FormatException {
        byte[] out = new byte[S2BlockDecoder.decodedLength(block, 0, block.length)];
        S2BlockDecoder.decode(block, 0, block.length, out, 0);
        return out;
    }
}
