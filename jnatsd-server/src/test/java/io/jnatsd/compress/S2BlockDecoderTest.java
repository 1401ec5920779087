package io.jnatsd.compress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Hand-built blocks from the format description, including elements our encoder never emits. */
class S2BlockDecoderTest {

    /** Builds a block from a varint length and raw element bytes (ints for readability). */
    private static byte[] block(int declaredLength, Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int remaining = declaredLength;
        while (remaining >= 0x80) {
            out.write(remaining & 0x7f | 0x80);
            remaining >>>= 7;
        }
        out.write(remaining);
        for (Object part : parts) {
            if (part instanceof String text) {
                out.writeBytes(text.getBytes(StandardCharsets.ISO_8859_1));
            } else {
                out.write((Integer) part);
            }
        }
        return out.toByteArray();
    }

    private static String decode(byte[] block) throws S2FormatException {
        return new String(S2StreamCodec.decodeBlock(block), StandardCharsets.ISO_8859_1);
    }

    @Test
    void anEmptyBlockIsASingleZeroLength() throws S2FormatException {
        assertThat(decode(block(0))).isEmpty();
    }

    @Test
    void shortLiteralsCarryTheirLengthInTheTag() throws S2FormatException {
        assertThat(decode(block(5, (5 - 1) << 2, "hello"))).isEqualTo("hello");
    }

    @Test
    void longLiteralsCarryOneToFourLengthBytes() throws S2FormatException {
        String text = "x".repeat(70);
        assertThat(decode(block(70, 60 << 2, 69, text))).isEqualTo(text);
        assertThat(decode(block(70, 61 << 2, 69, 0, text))).isEqualTo(text);
        assertThat(decode(block(70, 62 << 2, 69, 0, 0, text))).isEqualTo(text);
        assertThat(decode(block(70, 63 << 2, 69, 0, 0, 0, text))).isEqualTo(text);
        String longer = "y".repeat(300);
        assertThat(decode(block(300, 61 << 2, 299 & 0xff, 299 >> 8, longer))).isEqualTo(longer);
    }

    @Test
    void copy1WithOffsetOneRepeatsTheLastByte() throws S2FormatException {
        assertThat(decode(block(11, 0, "a", (10 - 4) << 2 | 1, 1))).isEqualTo("a".repeat(11));
    }

    @Test
    void copy1CarriesThreeHighOffsetBitsInTheTag() throws S2FormatException {
        String prefix = "0123456789".repeat(150);
        int offset = 1451;
        byte[] block = block(1500 + 4, 61 << 2, 1499 & 0xff, 1499 >> 8, prefix,
                (offset >> 8) << 5 | 0 << 2 | 1, offset & 0xff);
        assertThat(decode(block)).isEqualTo(prefix + prefix.substring(1500 - offset, 1500 - offset + 4));
    }

    @Test
    void copy2AndCopy4MayOverlapTheBytesTheyProduce() throws S2FormatException {
        assertThat(decode(block(12, 2 << 2, "abc", (9 - 1) << 2 | 2, 3, 0))).isEqualTo("abcabcabcabc");
        assertThat(decode(block(7, 1 << 2, "ab", (5 - 1) << 2 | 3, 2, 0, 0, 0))).isEqualTo("abababa");
        assertThat(decode(block(3, 0, "z", (2 - 1) << 2 | 2, 1, 0))).isEqualTo("zzz");
    }

    @Test
    void aRepeatCapturedFromNatsServerDecodesToTheRoutedMessage() throws S2FormatException {
        String head = "RMSG $G foo 100\r\n";
        byte[] block = block(119, (18 - 1) << 2, head + "A", 4 << 2 | 1, 1, 5 << 2 | 1, 0, 0x53, (2 - 1) << 2, "\r\n");
        assertThat(decode(block)).isEqualTo(head + "A".repeat(100) + "\r\n");
    }

    @Test
    void repeatLengthCodesZeroToFourMeanFourToEight() throws S2FormatException {
        for (int code = 0; code <= 4; code++) {
            byte[] block = block(4 + 4 + code + 4, 3 << 2, "abcd", 3 << 2 | 2, 4, 0, code << 2 | 1, 0);
            assertThat(decode(block)).isEqualTo("abcd".repeat(3 + code).substring(0, 12 + code));
        }
    }

    @Test
    void repeatLengthsWithTwoAndThreeExtraBytesAddTheirBias() throws S2FormatException {
        byte[] twoBytes = block(1 + 4 + 1000, 0, "q", 0 << 2 | 1, 1, 6 << 2 | 1, 0, (1000 - 260) & 0xff, (1000 - 260) >> 8);
        assertThat(decode(twoBytes)).isEqualTo("q".repeat(1005));
        int length = 70_000;
        int extra = length - 65540;
        byte[] threeBytes = block(1 + 4 + length, 0, "r", 0 << 2 | 1, 1,
                7 << 2 | 1, 0, extra & 0xff, (extra >> 8) & 0xff, extra >> 16);
        assertThat(decode(threeBytes)).isEqualTo("r".repeat(1 + 4 + length));
    }

    @Test
    void aRepeatUsesTheOffsetOfTheLastCopyAcrossLiterals() throws S2FormatException {
        byte[] block = block(4 + 4 + 2 + 4, 3 << 2, "wxyz", 0 << 2 | 1, 4, 1 << 2, "--", 0 << 2 | 1, 0);
        assertThat(decode(block)).isEqualTo("wxyzwxyz--wxyz".substring(0, 10) + "yz--");
    }

    @Test
    void aRepeatBeforeAnyCopyIsRejected() {
        assertRejected(block(8, 3 << 2, "abcd", 0 << 2 | 1, 0));
    }

    @Test
    void copiesReachingBeforeTheOutputStartAreRejected() {
        assertRejected(block(8, 3 << 2, "abcd", 0 << 2 | 1, 5));
        assertRejected(block(8, 3 << 2, "abcd", 3 << 2 | 2, 0, 0));
        assertRejected(block(8, 3 << 2, "abcd", 3 << 2 | 3, 0, 0, 0, 0x80));
        assertRejected(block(8, 3 << 2, "abcd", 3 << 2 | 3, 0xff, 0xff, 0xff, 0xff));
    }

    @Test
    void elementsOverrunningTheDeclaredLengthOrTheInputAreRejected() {
        assertRejected(block(3, 4 << 2, "hello"));
        assertRejected(block(5, 4 << 2, "hel"));
        assertRejected(block(6, 3 << 2, "abcd", (10 - 4) << 2 | 1, 1));
        assertRejected(block(9, 0, "a", 7 << 2 | 1, 1, 7 << 2 | 1, 0, 0xff, 0xff, 0xff));
        assertRejected(block(70, 63 << 2, 0xff, 0xff, 0xff, 0xff, "x"));
    }

    @Test
    void truncatedElementsAreRejected() {
        assertRejected(block(4, 61 << 2, 3));
        assertRejected(block(4, 0, "a", 1));
        assertRejected(block(4, 0, "a", 2, 1));
        assertRejected(block(4, 0, "a", 3, 1, 0, 0));
        assertRejected(block(12, 0, "a", 0 << 2 | 1, 1, 5 << 2 | 1, 0));
        assertRejected(block(12, 0, "a", 0 << 2 | 1, 1, 6 << 2 | 1, 0, 1));
    }

    @Test
    void aBlockDecodingToFewerBytesThanDeclaredIsRejected() {
        assertRejected(block(6, 4 << 2, "hello"));
    }

    @Test
    void malformedLengthHeadersAreRejected() {
        assertRejected(new byte[0]);
        assertRejected(new byte[] {(byte) 0x80});
        assertRejected(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x7f});
        assertRejected(new byte[] {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x01});
        assertRejected(new byte[11]);
    }

    @Test
    void aDeclaredLengthBeyondTheDestinationIsRejectedBeforeDecoding() {
        byte[] block = block(1000, 0, "a", 0 << 2 | 1, 1);
        assertThatThrownBy(() -> S2BlockDecoder.decode(block, 0, block.length, new byte[999], 0))
                .isInstanceOf(S2FormatException.class).hasMessageContaining("exceeds");
    }

    @Test
    void aDecodeIntoAnOffsetOfTheDestinationDoesNotReachBeforeIt() throws S2FormatException {
        byte[] destination = "XXXXX".getBytes(StandardCharsets.ISO_8859_1);
        destination = java.util.Arrays.copyOf(destination, 10);
        byte[] copyBeforeStart = block(5, 0, "a", 0 << 2 | 1, 2);
        byte[] finalDestination = destination;
        assertThatThrownBy(() -> S2BlockDecoder.decode(copyBeforeStart, 0, copyBeforeStart.length, finalDestination, 5))
                .isInstanceOf(S2FormatException.class);
        byte[] valid = block(5, 0, "a", 0 << 2 | 1, 1);
        assertThat(S2BlockDecoder.decode(valid, 0, valid.length, destination, 5)).isEqualTo(5);
        assertThat(new String(destination, StandardCharsets.ISO_8859_1)).isEqualTo("XXXXXaaaaa");
    }

    private static void assertRejected(byte[] block) {
        assertThatThrownBy(() -> S2StreamCodec.decodeBlock(block)).isInstanceOf(S2FormatException.class);
    }
}
