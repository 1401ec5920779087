package io.jnatsd.compress;

/** One compression level's search for back-references; instances keep their tables between blocks. */
interface MatchFinder {
    /**
     * Writes the elements for {@code source[start, end)} (at least 16 bytes); returns false as
     * soon as the output would outgrow the writer's limit, the block then goes out as a literal.
     */
    boolean encode(byte[] source, int start, int end, ElementWriter out);

    /** Length of the common prefix of {@code source[a..end)} and {@code source[b..)}, with b < a. */
    static int matchLength(byte[] source, int a, int b, int end) {
        int matched = 0;
        while (a + matched + 8 <= end) {
            long difference = LittleEndian.load64(source, a + matched) ^ LittleEndian.load64(source, b + matched);
            if (difference != 0) {
                return matched + (Long.numberOfTrailingZeros(difference) >>> 3);
            }
            matched += 8;
        }
        while (a + matched < end && source[a + matched] == source[b + matched]) {
            matched++;
        }
        return matched;
    }

    /** Multiplicative hash of the low {@code bytes} bytes of {@code value} into {@code bits} bits. */
    static int hash(long value, int bytes, int bits) {
        long kept = bytes == 8 ? value : value << (64 - 8 * bytes);
        return (int) ((kept * 0xcf1bbcdcb7a56463L) >>> (64 - bits));
    }
}
