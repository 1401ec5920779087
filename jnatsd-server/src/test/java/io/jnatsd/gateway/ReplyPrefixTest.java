package io.jnatsd.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Test vectors captured from nats-server 2.10.27 (GATEWAYS.md §5.3). */
class ReplyPrefixTest {

    @Test
    void hashes_match_nats_server() {
        assertThat(ReplyPrefix.hash("A")).isEqualTo("NUmM6c");
        assertThat(ReplyPrefix.hash("B")).isEqualTo("b2oh2L");
        assertThat(ReplyPrefix.hash("NDHCMIC2XV54FIGSDXVKJCDQTA7JZ4QDBG3SREHHVWNC4LKURI3NC3OO")).isEqualTo("I2v1fc");
    }

    @Test
    void a_mapped_reply_is_taken_apart() {
        String prefix = new String(ReplyPrefix.of("A", "NDHCMIC2XV54FIGSDXVKJCDQTA7JZ4QDBG3SREHHVWNC4LKURI3NC3OO"),
                StandardCharsets.US_ASCII);
        assertThat(prefix).isEqualTo("_GR_.NUmM6c.I2v1fc.").hasSize(ReplyPrefix.LENGTH);
        String mapped = prefix + "_INBOX.r1";
        assertThat(ReplyPrefix.isMapped(mapped)).isTrue();
        assertThat(ReplyPrefix.isMapped("_GR_.short")).isFalse();
        assertThat(ReplyPrefix.clusterHash(mapped)).isEqualTo("NUmM6c");
        assertThat(ReplyPrefix.serverHash(mapped)).isEqualTo("I2v1fc");
        assertThat(ReplyPrefix.strip(mapped)).isEqualTo("_INBOX.r1");
    }
}
