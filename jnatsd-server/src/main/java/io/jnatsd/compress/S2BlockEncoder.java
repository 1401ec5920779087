package io.jnatsd.compress;

/**
 * Encodes S2 blocks at one {@link S2Level}. The output is always a valid block: when matching
 * does not pay (incompressible data, or blocks under 16 bytes) it is a single literal.
 *
 * <p>Not thread-safe: the hash tables are reused from block to block (one encoder per writer).
 */
public final class S2BlockEncoder {
    /** The largest block S2 allows. */
    public static final int MAX_BLOCK_SIZE = 4 << 20;

    private static final int MIN_MATCHING_SIZE = 16;
    private static final int MAX_HEADER_SIZE = 5;

    private final MatchFinder matchFinder;
    private final ElementWriter writer = new ElementWriter();

    public S2BlockEncoder(S2Level level) {
        matchFinder = switch (level) {
            case UNCOMPRESSED -> null;
            case FAST -> new FastMatchFinder();
            case BETTER -> new BetterMatchFinder();
            case BEST -> new BestMatchFinder();
        };
    }

    /** The most bytes {@link #encode} writes for {@code length} input bytes. */
    public static int maxEncodedLength(int length) {
        return length + MAX_HEADER_SIZE + ElementWriter.MAX_LITERAL_HEADER;
    }

    /**
     * Encodes {@code source[offset, offset+length)} into {@code destination} from
     * {@code destinationOffset}, which must have {@link #maxEncodedLength} bytes of room;
     * returns the number of bytes written.
     */
    public int encode(byte[] source, int offset, int length, byte[] destination, int destinationOffset) {
        if (length < 0 || length > MAX_BLOCK_SIZE) {
            throw new IllegalArgumentException("block length " + length + " outside 0.." + MAX_BLOCK_SIZE);
        }
        if (destination.length - destinationOffset < maxEncodedLength(length)) {
            throw new IllegalArgumentException("destination needs " + maxEncodedLength(length) + " bytes of room");
        }
        int bodyStart = writeHeader(length, destination, destinationOffset);
        if (matchFinder != null && length >= MIN_MATCHING_SIZE) {
            writer.reset(destination, bodyStart, bodyStart + length);
            if (matchFinder.encode(source, offset, offset + length, writer)) {
                return writer.position() - destinationOffset;
            }
        }
        writer.reset(destination, bodyStart, destination.length);
        writer.literal(source, offset, length);
        return writer.position() - destinationOffset;
    }

    private static int writeHeader(int length, byte[] destination, int position) {
        int remaining = length;
        while (remaining >= 0x80) {
            destination[position++] = (byte) (remaining | 0x80);
            remaining >>>= 7;
        }
        destination[position++] = (byte) remaining;
        return position;
    }
}
