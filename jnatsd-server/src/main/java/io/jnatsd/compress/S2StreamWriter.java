package io.jnatsd.compress;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * Writes an S2 stream: the stream identifier once, then for every {@code write} the data cut
 * into blocks of at most {@link #blockSize()} bytes, each a complete chunk. A write therefore
 * never leaves bytes behind: what it produced is decodable as soon as the peer has it, which is
 * what a route connection that compresses per flush needs.
 *
 * <p>Each block goes out compressed when that saves at least 1/32 of it, otherwise as an
 * uncompressed chunk. Not thread-safe; one writer per connection direction.
 *
 * <p>Buffers: the caller keeps ownership of its source. With the array-destination
 * {@code write}, the caller provides room for {@link #maxStreamLength}; with the
 * {@link ByteSink} forms, chunks are handed out from this writer's buffer, valid only during
 * the sink call.
 */
public final class S2StreamWriter {
    /** The block size of the reference Go writer, which nats-server uses unchanged. */
    public static final int DEFAULT_BLOCK_SIZE = 1 << 20;

    private static final int CHUNK_OVERHEAD = StreamFormat.CHUNK_HEADER_SIZE + StreamFormat.CHECKSUM_SIZE;
    /** Room {@link #writeUncompressedFraming} needs: the stream identifier and one chunk's header and checksum. */
    public static final int MAX_UNCOMPRESSED_FRAMING = StreamFormat.IDENTIFIER_CHUNK_SIZE + CHUNK_OVERHEAD;

    private final S2Level level;
    private final int blockSize;
    private final S2BlockEncoder encoder;
    private final CRC32C crc = new CRC32C();
    private byte[] chunkBuffer = new byte[0];
    private byte[] directStaging = new byte[0];
    private boolean identifierWritten;

    public S2StreamWriter(S2Level level) {
        this(level, DEFAULT_BLOCK_SIZE);
    }

    public S2StreamWriter(S2Level level, int blockSize) {
        if (blockSize < 1 || blockSize > S2BlockEncoder.MAX_BLOCK_SIZE) {
            throw new IllegalArgumentException("block size " + blockSize + " outside 1.." + S2BlockEncoder.MAX_BLOCK_SIZE);
        }
        this.level = level;
        this.blockSize = blockSize;
        this.encoder = new S2BlockEncoder(level);
    }

    public S2Level level() {
        return level;
    }

    public int blockSize() {
        return blockSize;
    }

    /** Makes the next write start a new stream, beginning with the stream identifier again. */
    public void restartStream() {
        identifierWritten = false;
    }

    /** Room a destination needs for one {@code write} of {@code sourceLength} bytes. */
    public int maxStreamLength(int sourceLength) {
        int blocks = Math.max(1, (sourceLength + blockSize - 1) / blockSize);
        int lastBlock = sourceLength - (blocks - 1) * blockSize;
        return StreamFormat.IDENTIFIER_CHUNK_SIZE
                + (blocks - 1) * maxChunkLength(blockSize) + maxChunkLength(lastBlock);
    }

    /**
     * Writes the chunks for {@code source[offset, offset+length)} into {@code destination} from
     * {@code destinationOffset} (room: {@link #maxStreamLength}); returns the bytes written.
     * An empty source writes nothing, not even the stream identifier.
     */
    public int write(byte[] source, int offset, int length, byte[] destination, int destinationOffset) {
        if (destination.length - destinationOffset < maxStreamLength(length)) {
            throw new IllegalArgumentException("destination needs " + maxStreamLength(length) + " bytes of room");
        }
        int position = destinationOffset;
        for (int done = 0; done < length; done += blockSize) {
            position += writeChunk(source, offset + done, Math.min(blockSize, length - done), destination, position);
        }
        return position - destinationOffset;
    }

    /** Writes {@code source[offset, offset+length)}, one sink call per chunk (see class comment). */
    public void write(byte[] source, int offset, int length, ByteSink sink) {
        for (int done = 0; done < length; done += blockSize) {
            int blockLength = Math.min(blockSize, length - done);
            int needed = StreamFormat.IDENTIFIER_CHUNK_SIZE + maxChunkLength(blockLength);
            if (chunkBuffer.length < needed) {
                chunkBuffer = new byte[needed];
            }
            int written = writeChunk(source, offset + done, blockLength, chunkBuffer, 0);
            sink.accept(chunkBuffer, 0, written);
        }
    }

    /** Writes and consumes the remaining bytes of {@code source}; direct buffers are staged per block. */
    public void write(ByteBuffer source, ByteSink sink) {
        if (source.hasArray()) {
            write(source.array(), source.arrayOffset() + source.position(), source.remaining(), sink);
            source.position(source.limit());
            return;
        }
        while (source.hasRemaining()) {
            int blockLength = Math.min(blockSize, source.remaining());
            if (directStaging.length < blockLength) {
                directStaging = new byte[blockLength];
            }
            source.get(directStaging, 0, blockLength);
            write(directStaging, 0, blockLength, sink);
        }
    }

    /**
     * For a block (at most {@link #blockSize()} bytes) that goes out as an uncompressed chunk
     * without being copied: writes what precedes its bytes on the wire (the stream identifier if
     * this stream has none yet, the chunk header and the checksum) into {@code destination}, room
     * {@link #MAX_UNCOMPRESSED_FRAMING}, and returns its length. The block's bytes must follow
     * unchanged. Consumes {@code block}'s remaining bytes (read in place when it is direct).
     */
    public int writeUncompressedFraming(ByteBuffer block, byte[] destination, int position) {
        int length = block.remaining();
        if (length > blockSize) {
            throw new IllegalArgumentException("block of " + length + " bytes above the block size " + blockSize);
        }
        int start = position;
        if (!identifierWritten) {
            position += StreamFormat.writeStreamIdentifier(destination, position);
            identifierWritten = true;
        }
        int checksum = StreamFormat.maskedChecksum(crc, block);
        StreamFormat.writeChunkHeader(destination, position, StreamFormat.UNCOMPRESSED_DATA, StreamFormat.CHECKSUM_SIZE + length);
        LittleEndian.store32(destination, position + StreamFormat.CHUNK_HEADER_SIZE, checksum);
        return position + CHUNK_OVERHEAD - start;
    }

    private static int maxChunkLength(int blockLength) {
        return CHUNK_OVERHEAD + S2BlockEncoder.maxEncodedLength(blockLength);
    }

    /** One chunk, preceded by the stream identifier if this stream has none yet. */
    private int writeChunk(byte[] source, int offset, int length, byte[] destination, int position) {
        int start = position;
        if (!identifierWritten) {
            position += StreamFormat.writeStreamIdentifier(destination, position);
            identifierWritten = true;
        }
        int checksum = StreamFormat.maskedChecksum(crc, source, offset, length);
        int bodyStart = position + CHUNK_OVERHEAD;
        int type = StreamFormat.UNCOMPRESSED_DATA;
        int bodyLength = length;
        if (level != S2Level.UNCOMPRESSED) {
            int encoded = encoder.encode(source, offset, length, destination, bodyStart);
            if (encoded < length - (length >>> 5)) {
                type = StreamFormat.COMPRESSED_DATA;
                bodyLength = encoded;
            }
        }
        if (type == StreamFormat.UNCOMPRESSED_DATA) {
            System.arraycopy(source, offset, destination, bodyStart, length);
        }
        StreamFormat.writeChunkHeader(destination, position, type, StreamFormat.CHECKSUM_SIZE + bodyLength);
        LittleEndian.store32(destination, position + StreamFormat.CHUNK_HEADER_SIZE, checksum);
        return bodyStart + bodyLength - start;
    }
}
