package io.jnatsd.tests.tls;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The few DER encodings a test certificate needs; each method returns one complete element. */
final class Der {
    private static final DateTimeFormatter UTC_TIME = DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter GENERALIZED_TIME =
            DateTimeFormatter.ofPattern("yyyyMMddHHmmss'Z'").withZone(ZoneOffset.UTC);

    private Der() {
    }

    static byte[] element(int tag, byte[] contents) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int length = contents.length;
        if (length < 0x80) {
            out.write(length);
        } else if (length < 0x100) {
            out.write(0x81);
            out.write(length);
        } else {
            out.write(0x82);
            out.write(length >> 8);
            out.write(length);
        }
        out.writeBytes(contents);
        return out.toByteArray();
    }

    static byte[] sequence(byte[]... elements) {
        return element(0x30, concat(elements));
    }

    static byte[] explicit(int number, byte[] element) {
        return element(0xA0 | number, element);
    }

    static byte[] integer(BigInteger value) {
        return element(0x02, value.toByteArray());
    }

    static byte[] bool(boolean value) {
        return element(0x01, new byte[] {(byte) (value ? 0xFF : 0)});
    }

    static byte[] octetString(byte[] contents) {
        return element(0x04, contents);
    }

    static byte[] bitString(byte[] contents, int unusedBits) {
        byte[] body = new byte[contents.length + 1];
        body[0] = (byte) unusedBits;
        System.arraycopy(contents, 0, body, 1, contents.length);
        return element(0x03, body);
    }

    static byte[] nullValue() {
        return new byte[] {0x05, 0x00};
    }

    static byte[] time(Instant at) {
        int year = at.atZone(ZoneOffset.UTC).getYear();
        return year < 2050
                ? element(0x17, UTC_TIME.format(at).getBytes(StandardCharsets.US_ASCII))
                : element(0x18, GENERALIZED_TIME.format(at).getBytes(StandardCharsets.US_ASCII));
    }

    static byte[] oid(String dotted) {
        String[] parts = dotted.split("\\.");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(Integer.parseInt(parts[0]) * 40 + Integer.parseInt(parts[1]));
        for (int i = 2; i < parts.length; i++) {
            long value = Long.parseLong(parts[i]);
            int groups = 1;
            for (long v = value >> 7; v > 0; v >>= 7) {
                groups++;
            }
            for (int g = groups - 1; g >= 0; g--) {
                int septet = (int) ((value >> (7 * g)) & 0x7F);
                out.write(g == 0 ? septet : septet | 0x80);
            }
        }
        return element(0x06, out.toByteArray());
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
