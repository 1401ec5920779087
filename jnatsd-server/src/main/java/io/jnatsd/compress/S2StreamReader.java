package io.jnatsd.compress;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * Decodes an S2 stream incrementally from whatever bytes arrive: a chunk split across reads is
 * kept until it is complete, then its data goes to the sink.
 *
 * <p>Accepted: stream identifiers ({@code S2sTwO} or Snappy's {@code sNaPpY}) any number of
 * times, compressed (0x00) and uncompressed (0x01) data with their CRC checked, padding (0xfe)
 * and skippable chunks (0x80-0xfd). The first chunk must be a stream identifier; reserved
 * chunk types 0x02-0x7f are an error. A failure is final: later feeds throw again.
 *
 * <p>Memory: chunk lengths are checked against the block size bound before anything is
 * buffered, so a reader holds at most one chunk and one decoded block (about twice
 * {@code maxBlockSize}); a buffer above {@value #RETAINED_BUFFER_SIZE} bytes is given up once
 * {@value #SHRINK_AFTER} chunks in a row fitted that size. A chunk that arrives whole within one
 * input is decoded in place without copying.
 *
 * <p>Buffers: the caller keeps its input; the sink sees either a slice of that input (an
 * uncompressed chunk that arrived whole) or this reader's decode buffer, valid only during the
 * sink call. Not thread-safe.
 */
public final class S2StreamReader {
    /** The largest block S2 allows, the reference reader's default bound. */
    public static final int DEFAULT_MAX_BLOCK_SIZE = S2BlockEncoder.MAX_BLOCK_SIZE;
    static final int RETAINED_BUFFER_SIZE = 256 * 1024;
    private static final int SHRINK_AFTER = 64;

    private static final byte[] EMPTY = new byte[0];
    private static final int STAGING_SIZE = 16 * 1024;

    private final int maxBlockSize;
    private final CRC32C crc = new CRC32C();
    private final byte[] header = new byte[StreamFormat.CHUNK_HEADER_SIZE];
    private int headerFilled;
    private int chunkType;
    private int chunkLength;
    private byte[] chunk = EMPTY;
    private int chunkFilled;
    private int skipRemaining;
    private byte[] decoded = EMPTY;
    /** Chunks and blocks in a row that fitted the retained size (see {@link #sized}). */
    private int chunkFits;
    private int decodedFits;
    private byte[] staging = EMPTY;
    private boolean identifierSeen;
    private boolean snappyFraming;
    private boolean delivered;
    private S2FormatException failure;

    public S2StreamReader() {
        this(DEFAULT_MAX_BLOCK_SIZE);
    }

    /** A reader refusing blocks that decode to more than {@code maxBlockSize} bytes. */
    public S2StreamReader(int maxBlockSize) {
        if (maxBlockSize < 1 || maxBlockSize > S2BlockEncoder.MAX_BLOCK_SIZE) {
            throw new IllegalArgumentException("max block size " + maxBlockSize + " outside 1.." + S2BlockEncoder.MAX_BLOCK_SIZE);
        }
        this.maxBlockSize = maxBlockSize;
    }

    /** True when no partial chunk is pending: the bytes fed so far end on a chunk boundary. */
    public boolean isAtChunkBoundary() {
        return headerFilled == 0 && chunkLength == 0 && skipRemaining == 0;
    }

    /** Bytes held in this reader's buffers; lets tests check the memory bound. */
    int retainedBytes() {
        return chunk.length + decoded.length + staging.length;
    }

    /** Consumes all of {@code input[offset, offset+length)}, passing decoded data to the sink. */
    public void feed(byte[] input, int offset, int length, ByteSink sink) throws S2FormatException {
        if (failure != null) {
            throw failure;
        }
        try {
            int position = offset;
            int end = offset + length;
            while (position < end) {
                position = step(input, position, end, sink);
            }
        } catch (S2FormatException e) {
            failure = e;
            throw e;
        }
    }

    /**
     * Consumes {@code input[offset, offset+length)} up to the end of the first chunk that yields
     * data, passing that data to the sink; returns the bytes consumed. Lets a caller that must
     * stop reading (a consumer to wait for) stop after any block: a few bytes of a stream can
     * decode to megabytes.
     */
    public int feedOneBlock(byte[] input, int offset, int length, ByteSink sink) throws S2FormatException {
        if (failure != null) {
            throw failure;
        }
        try {
            delivered = false;
            int position = offset;
            int end = offset + length;
            while (position < end && !delivered) {
                position = step(input, position, end, sink);
            }
            return position - offset;
        } catch (S2FormatException e) {
            failure = e;
            throw e;
        }
    }

    /** Consumes the remaining bytes of {@code input}; direct buffers are copied in small pieces. */
    public void feed(ByteBuffer input, ByteSink sink) throws S2FormatException {
        if (input.hasArray()) {
            feed(input.array(), input.arrayOffset() + input.position(), input.remaining(), sink);
            input.position(input.limit());
            return;
        }
        if (staging.length == 0) {
            staging = new byte[STAGING_SIZE];
        }
        while (input.hasRemaining()) {
            int piece = Math.min(staging.length, input.remaining());
            input.get(staging, 0, piece);
            feed(staging, 0, piece, sink);
        }
    }

    /** Makes progress on the current chunk; returns the new input position. */
    private int step(byte[] input, int position, int end, ByteSink sink) throws S2FormatException {
        if (skipRemaining > 0) {
            int skipped = Math.min(skipRemaining, end - position);
            skipRemaining -= skipped;
            return position + skipped;
        }
        if (chunkLength == 0) {
            return readHeader(input, position, end);
        }
        if (chunkFilled == 0 && end - position >= chunkLength) {
            int length = chunkLength;
            chunkLength = 0;
            processChunk(input, position, length, sink);
            return position + length;
        }
        if (chunkFilled == 0) {
            chunkFits = fitsCount(chunkFits, chunkLength);
            chunk = sized(chunk, chunkLength, chunkFits);
        }
        int copied = Math.min(chunkLength - chunkFilled, end - position);
        System.arraycopy(input, position, chunk, chunkFilled, copied);
        chunkFilled += copied;
        if (chunkFilled == chunkLength) {
            int length = chunkLength;
            chunkLength = 0;
            chunkFilled = 0;
            processChunk(chunk, 0, length, sink);
        }
        return position + copied;
    }

    private int readHeader(byte[] input, int position, int end) throws S2FormatException {
        int copied = Math.min(StreamFormat.CHUNK_HEADER_SIZE - headerFilled, end - position);
        System.arraycopy(input, position, header, headerFilled, copied);
        headerFilled += copied;
        if (headerFilled == StreamFormat.CHUNK_HEADER_SIZE) {
            headerFilled = 0;
            startChunk(header[0] & 0xff, (int) LittleEndian.loadUnsigned(header, 1, 3));
        }
        return position + copied;
    }

    /** Checks a chunk header before any of its body is buffered. */
    private void startChunk(int type, int length) throws S2FormatException {
        if (!identifierSeen && type != StreamFormat.STREAM_IDENTIFIER) {
            throw new S2FormatException(String.format("stream starts with chunk type 0x%02x, not an identifier", type));
        }
        int blockLimit = snappyFraming ? Math.min(maxBlockSize, StreamFormat.SNAPPY_MAX_BLOCK_SIZE) : maxBlockSize;
        int minimum;
        int maximum;
        switch (type) {
            case StreamFormat.STREAM_IDENTIFIER -> {
                minimum = StreamFormat.S2_IDENTIFIER_BODY.length;
                maximum = minimum;
            }
            case StreamFormat.COMPRESSED_DATA -> {
                minimum = StreamFormat.CHECKSUM_SIZE + 1;
                maximum = StreamFormat.CHECKSUM_SIZE + S2BlockEncoder.maxEncodedLength(blockLimit);
            }
            case StreamFormat.UNCOMPRESSED_DATA -> {
                minimum = StreamFormat.CHECKSUM_SIZE;
                maximum = StreamFormat.CHECKSUM_SIZE + blockLimit;
            }
            default -> {
                if (type < StreamFormat.FIRST_SKIPPABLE) {
                    throw new S2FormatException(String.format("reserved unskippable chunk type 0x%02x", type));
                }
                skipRemaining = length;
                return;
            }
        }
        if (length < minimum || length > maximum) {
            throw new S2FormatException(String.format("chunk type 0x%02x with length %d outside %d..%d",
                    type, length, minimum, maximum));
        }
        chunkType = type;
        chunkLength = length;
    }

    private void processChunk(byte[] body, int offset, int length, ByteSink sink) throws S2FormatException {
        switch (chunkType) {
            case StreamFormat.STREAM_IDENTIFIER -> readIdentifier(body, offset);
            case StreamFormat.UNCOMPRESSED_DATA -> {
                int dataOffset = offset + StreamFormat.CHECKSUM_SIZE;
                int dataLength = length - StreamFormat.CHECKSUM_SIZE;
                verifyChecksum(body, offset, dataOffset, dataLength);
                deliver(sink, body, dataOffset, dataLength);
            }
            default -> decodeBlock(body, offset, length, sink);
        }
    }

    private void readIdentifier(byte[] body, int offset) throws S2FormatException {
        int end = offset + StreamFormat.S2_IDENTIFIER_BODY.length;
        if (Arrays.equals(body, offset, end, StreamFormat.S2_IDENTIFIER_BODY, 0, StreamFormat.S2_IDENTIFIER_BODY.length)) {
            snappyFraming = false;
        } else if (Arrays.equals(body, offset, end, StreamFormat.SNAPPY_IDENTIFIER_BODY, 0, StreamFormat.SNAPPY_IDENTIFIER_BODY.length)) {
            snappyFraming = true;
        } else {
            throw new S2FormatException("unknown stream identifier");
        }
        identifierSeen = true;
    }

    /**
     * {@code buffer}, or a new one of {@code needed} bytes when it is too small, or when it is
     * above {@value #RETAINED_BUFFER_SIZE} bytes and the last {@value #SHRINK_AFTER} needs fitted
     * that size. Large buffers are kept while large blocks keep coming (a busy route's flushes): a
     * new array for each block above the retained size was garbage at the route's rate (70 to 90
     * young collections in 10 s of a compressed route at 200k msgs/s of 1 KiB).
     */
    private static byte[] sized(byte[] buffer, int needed, int fitsInARow) {
        if (buffer.length < needed || (buffer.length > RETAINED_BUFFER_SIZE && fitsInARow >= SHRINK_AFTER)) {
            return new byte[needed];
        }
        return buffer;
    }

    /** The count of needs in a row that fit the retained size, after one of {@code needed} bytes. */
    private static int fitsCount(int before, int needed) {
        return needed <= RETAINED_BUFFER_SIZE ? before + 1 : 0;
    }

    private void decodeBlock(byte[] body, int offset, int length, ByteSink sink) throws S2FormatException {
        int blockOffset = offset + StreamFormat.CHECKSUM_SIZE;
        int blockLength = length - StreamFormat.CHECKSUM_SIZE;
        int declared = S2BlockDecoder.decodedLength(body, blockOffset, blockLength);
        int blockLimit = snappyFraming ? Math.min(maxBlockSize, StreamFormat.SNAPPY_MAX_BLOCK_SIZE) : maxBlockSize;
        if (declared > blockLimit) {
            throw new S2FormatException("block declares " + declared + " bytes, more than the limit of " + blockLimit);
        }
        int needed = declared + S2BlockDecoder.WILD_MARGIN;
        decodedFits = fitsCount(decodedFits, needed);
        decoded = sized(decoded, needed, decodedFits);
        int decodedLength = S2BlockDecoder.decode(body, blockOffset, blockLength, decoded, 0);
        verifyChecksum(body, offset, 0, decodedLength, decoded);
        deliver(sink, decoded, 0, decodedLength);
    }

    private void verifyChecksum(byte[] body, int checksumOffset, int dataOffset, int dataLength) throws S2FormatException {
        verifyChecksum(body, checksumOffset, dataOffset, dataLength, body);
    }

    private void verifyChecksum(byte[] body, int checksumOffset, int dataOffset, int dataLength, byte[] data)
            throws S2FormatException {
        int expected = LittleEndian.load32(body, checksumOffset);
        int actual = StreamFormat.maskedChecksum(crc, data, dataOffset, dataLength);
        if (expected != actual) {
            throw new S2FormatException(String.format("checksum mismatch: chunk says %08x, data gives %08x", expected, actual));
        }
    }

    private void deliver(ByteSink sink, byte[] bytes, int offset, int length) {
        if (length > 0) {
            delivered = true;
            sink.accept(bytes, offset, length);
        }
    }
}
