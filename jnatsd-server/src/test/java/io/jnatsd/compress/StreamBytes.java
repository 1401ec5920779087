package io.jnatsd.compress;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.zip.CRC32C;

/** Builds S2 stream bytes chunk by chunk for tests. */
final class StreamBytes {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    static StreamBytes s2() {
        return new StreamBytes().chunk(0xff, "S2sTwO".getBytes(StandardCharsets.US_ASCII));
    }

    static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex.replace(" ", ""));
    }

    StreamBytes chunk(int type, byte[] body) {
        out.write(type);
        out.write(body.length);
        out.write(body.length >>> 8);
        out.write(body.length >>> 16);
        out.writeBytes(body);
        return this;
    }

    StreamBytes uncompressed(byte[] data) {
        return chunk(0x01, concat(checksum(data), data));
    }

    StreamBytes compressed(byte[] data, byte[] block) {
        return chunk(0x00, concat(checksum(data), block));
    }

    byte[] bytes() {
        return out.toByteArray();
    }

    static byte[] checksum(byte[] data) {
        CRC32C crc = new CRC32C();
        crc.update(data);
        int value = (int) crc.getValue();
        int masked = ((value >>> 15) | (value << 17)) + 0xa282ead8;
        return new byte[] {(byte) masked, (byte) (masked >>> 8), (byte) (masked >>> 16), (byte) (masked >>> 24)};
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] joined = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, joined, a.length, b.length);
        return joined;
    }
}
