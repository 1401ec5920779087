package io.jnatsd.transport.tls;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One ASN.1 DER element (tag, contents), enough to re-wrap the private key formats OpenSSL
 * writes (PKCS#1 RSA, SEC1 EC) into the PKCS#8 form the JDK's key factories read. Only
 * definite lengths exist in DER, so no indefinite-length handling is needed.
 */
record DerElement(int tag, byte[] contents) {
    static final int INTEGER = 0x02;
    static final int OCTET_STRING = 0x04;
    static final int NULL = 0x05;
    static final int OBJECT_IDENTIFIER = 0x06;
    static final int SEQUENCE = 0x30;
    /** {@code [0]} constructed, context-specific: SEC1's optional curve parameters. */
    static final int CONTEXT_0 = 0xA0;

    static DerElement read(byte[] der) {
        List<DerElement> elements = readAll(der);
        if (elements.size() != 1) {
            throw new IllegalArgumentException("expected one DER element, found " + elements.size());
        }
        return elements.get(0);
    }

    /** The elements inside a constructed element (a SEQUENCE or a context tag). */
    List<DerElement> children() {
        return readAll(contents);
    }

    private static List<DerElement> readAll(byte[] der) {
        List<DerElement> out = new ArrayList<>();
        int at = 0;
        while (at < der.length) {
            int tag = der[at++] & 0xFF;
            if (at >= der.length) {
                throw new IllegalArgumentException("truncated DER element");
            }
            int length = der[at++] & 0xFF;
            if (length > 0x7F) {
                int lengthBytes = length & 0x7F;
                if (lengthBytes > 3 || at + lengthBytes > der.length) {
                    throw new IllegalArgumentException("bad DER length");
                }
                length = 0;
                for (int i = 0; i < lengthBytes; i++) {
                    length = (length << 8) | (der[at++] & 0xFF);
                }
            }
            if (at + length > der.length) {
                throw new IllegalArgumentException("truncated DER element");
            }
            out.add(new DerElement(tag, Arrays.copyOfRange(der, at, at + length)));
            at += length;
        }
        return out;
    }

    byte[] encoded() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(contents.length + 6);
        out.write(tag);
        int length = contents.length;
        if (length < 0x80) {
            out.write(length);
        } else if (length < 0x100) {
            out.write(0x81);
            out.write(length);
        } else if (length < 0x10000) {
            out.write(0x82);
            out.write(length >> 8);
            out.write(length);
        } else {
            out.write(0x83);
            out.write(length >> 16);
            out.write(length >> 8);
            out.write(length);
        }
        out.writeBytes(contents);
        return out.toByteArray();
    }

    static DerElement sequence(DerElement... elements) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (DerElement element : elements) {
            out.writeBytes(element.encoded());
        }
        return new DerElement(SEQUENCE, out.toByteArray());
    }
}
