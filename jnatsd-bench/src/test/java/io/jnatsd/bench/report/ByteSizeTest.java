package io.jnatsd.bench.report;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ByteSizeTest {

    @Test
    void parsesBytesAndBinaryUnits() {
        assertThat(ByteSize.parse("16")).isEqualTo(16);
        assertThat(ByteSize.parse("16B")).isEqualTo(16);
        assertThat(ByteSize.parse("1k")).isEqualTo(1024);
        assertThat(ByteSize.parse("64KB")).isEqualTo(65536);
        assertThat(ByteSize.parse("64KiB")).isEqualTo(65536);
        assertThat(ByteSize.parse("1m")).isEqualTo(1 << 20);
    }

    @Test
    void rejectsWhatIsNotASize() {
        assertThatThrownBy(() -> ByteSize.parse("lots")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void formatsInTheLargestExactUnit() {
        assertThat(ByteSize.format(16)).isEqualTo("16 B");
        assertThat(ByteSize.format(1536)).isEqualTo("1536 B");
        assertThat(ByteSize.format(65536)).isEqualTo("64 KiB");
    }
}
