package io.jnatsd.compress;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * The S2 (Snappy framing) stream: chunks of a type byte, a 3-byte little-endian length and a
 * body. Data chunks start with the masked CRC-32C of their uncompressed bytes.
 */
final class StreamFormat {
    static final int CHUNK_HEADER_SIZE = 4;
    static final int CHECKSUM_SIZE = 4;
    static final int COMPRESSED_DATA = 0x00;
    static final int UNCOMPRESSED_DATA = 0x01;
    static final int FIRST_SKIPPABLE = 0x80;
    static final int STREAM_IDENTIFIER = 0xff;
    static final byte[] S2_IDENTIFIER_BODY = "S2sTwO".getBytes(StandardCharsets.US_ASCII);
    static final byte[] SNAPPY_IDENTIFIER_BODY = "sNaPpY".getBytes(StandardCharsets.US_ASCII);
    static final int IDENTIFIER_CHUNK_SIZE = CHUNK_HEADER_SIZE + S2_IDENTIFIER_BODY.length;
    /** Snappy framing limits blocks to 64 KiB; S2 streams allow 4 MiB. */
    static final int SNAPPY_MAX_BLOCK_SIZE = 1 << 16;

    private static final int CHECKSUM_MASK_DELTA = 0xa282ead8;

    private StreamFormat() {
    }

    /** The checksum as the framing format stores it: rotated and offset so CRCs of CRCs differ. */
    static int maskedChecksum(CRC32C crc, byte[] bytes, int offset, int length) {
        crc.reset();
        crc.update(bytes, offset, length);
        int value = (int) crc.getValue();
        return ((value >>> 15) | (value << 17)) + CHECKSUM_MASK_DELTA;
    }

    /** {@link #maskedChecksum} of a buffer's remaining bytes (direct buffers are read in place); consumes them. */
    static int maskedChecksum(CRC32C crc, java.nio.ByteBuffer bytes) {
        crc.reset();
        crc.update(bytes);
        int value = (int) crc.getValue();
        return ((value >>> 15) | (value << 17)) + CHECKSUM_MASK_DELTA;
    }

    static void writeChunkHeader(byte[] destination, int position, int type, int bodyLength) {
        destination[position] = (byte) type;
        destination[position + 1] = (byte) bodyLength;
        destination[position + 2] = (byte) (bodyLength >>> 8);
        destination[position + 3] = (byte) (bodyLength >>> 16);
    }

    static int writeStreamIdentifier(byte[] destination, int position) {
        writeChunkHeader(destination, position, STREAM_IDENTIFIER, S2_IDENTIFIER_BODY.length);
        System.arraycopy(S2_IDENTIFIER_BODY, 0, destination, position + CHUNK_HEADER_SIZE, S2_IDENTIFIER_BODY.length);
        return IDENTIFIER_CHUNK_SIZE;
    }
}
