package io.jnatsd.compress;

import java.util.Arrays;

/**
 * The S2 block format decoded one byte at a time, written from the format description and
 * nothing else: the oracle the fast decoder's wild moves are compared with. Returns null
 * where the block is malformed.
 */
final class ReferenceBlockDecoder {
    private ReferenceBlockDecoder() {
    }

    static byte[] decode(byte[] block) {
        int in = 0;
        long declared = 0;
        for (int shift = 0; ; shift += 7) {
            if (in >= block.length || shift > 28) {
                return null;
            }
            int b = block[in++] & 0xff;
            declared |= (long) (b & 0x7f) << shift;
            if (b < 0x80) {
                break;
            }
        }
        if (declared > Integer.MAX_VALUE) {
            return null;
        }
        byte[] written = new byte[64];
        int size = 0;
        long lastOffset = 0;
        while (in < block.length) {
            int tag = block[in++] & 0xff;
            long length;
            long offset;
            if ((tag & 3) == 0) {
                int code = tag >>> 2;
                length = code + 1;
                if (code >= 60) {
                    int extra = code - 59;
                    if (in + extra > block.length) {
                        return null;
                    }
                    length = unsigned(block, in, extra) + 1;
                    in += extra;
                }
                if (length > block.length - in || size + length > declared) {
                    return null;
                }
                written = room(written, size + (int) length);
                for (int i = 0; i < length; i++) {
                    written[size++] = block[in++];
                }
                continue;
            }
            int operandBytes = (tag & 3) == 1 ? 1 : (tag & 3) == 2 ? 2 : 4;
            if (in + operandBytes > block.length) {
                return null;
            }
            if ((tag & 3) == 1) {
                length = 4 + ((tag >>> 2) & 7);
                offset = (tag & 0xe0) << 3 | block[in] & 0xff;
                in++;
                if (offset == 0) {
                    offset = lastOffset;
                    int extra = (int) length - 8;
                    if (extra > 0) {
                        if (in + extra > block.length) {
                            return null;
                        }
                        length = unsigned(block, in, extra) + new long[] {0, 8, 260, 65540}[extra];
                        in += extra;
                    }
                }
            } else {
                length = 1 + (tag >>> 2);
                offset = unsigned(block, in, operandBytes);
                in += operandBytes;
            }
            if (offset <= 0 || offset > size || size + length > declared) {
                return null;
            }
            lastOffset = offset;
            written = room(written, size + (int) length);
            for (int i = 0; i < length; i++, size++) {
                written[size] = written[(int) (size - offset)];
            }
        }
        if (size != declared) {
            return null;
        }
        return Arrays.copyOf(written, size);
    }

    private static byte[] room(byte[] bytes, int needed) {
        return needed <= bytes.length ? bytes : Arrays.copyOf(bytes, Math.max(needed, 2 * bytes.length));
    }

    private static long unsigned(byte[] bytes, int from, int count) {
        long value = 0;
        for (int i = count - 1; i >= 0; i--) {
            value = value << 8 | bytes[from + i] & 0xff;
        }
        return value;
    }
}
