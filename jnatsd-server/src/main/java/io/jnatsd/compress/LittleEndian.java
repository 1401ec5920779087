package io.jnatsd.compress;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** Little-endian loads from byte arrays; the view handles compile to single machine loads. */
final class LittleEndian {
    private static final VarHandle LONG_VIEW =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT_VIEW =
            MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    private LittleEndian() {
    }

    static long load64(byte[] bytes, int index) {
        return (long) LONG_VIEW.get(bytes, index);
    }

    static int load32(byte[] bytes, int index) {
        return (int) INT_VIEW.get(bytes, index);
    }

    /** Reads {@code count} (1 to 4) bytes as an unsigned little-endian number. */
    static long loadUnsigned(byte[] bytes, int index, int count) {
        long value = 0;
        for (int i = count - 1; i >= 0; i--) {
            value = (value << 8) | (bytes[index + i] & 0xff);
        }
        return value;
    }

    static void store64(byte[] bytes, int index, long value) {
        LONG_VIEW.set(bytes, index, value);
    }

    static void store32(byte[] bytes, int index, int value) {
        INT_VIEW.set(bytes, index, value);
    }
}
