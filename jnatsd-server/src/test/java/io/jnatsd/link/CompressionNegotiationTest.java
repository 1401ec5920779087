package io.jnatsd.link;

import static org.assertj.core.api.Assertions.assertThat;

import io.jnatsd.config.LinkCompression;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** nats-server 2.10's writer-mode table, with the leaf matrix captured in LEAFNODES.md §11. */
class CompressionNegotiationTest {
    @ParameterizedTest(name = "ours {0}, peer {1} -> {2}")
    @CsvSource({
            "s2_auto, s2_auto, s2_uncompressed",
            "off, s2_auto, off",
            "s2_auto, off, off",
            "s2_fast, s2_auto, s2_fast",
            "s2_best, s2_auto, s2_best",
            "s2_auto, , not supported",
            "accept, accept, off",
            "accept, s2_auto, s2_fast",
            "accept, s2_better, s2_better",
            "s2_better, accept, s2_better"})
    void eachSidePicksItsOwnWriterMode(String ours, String peer, String expected) {
        CompressionNegotiation negotiation = new CompressionNegotiation(LinkCompression.of(ours));
        assertThat(negotiation.negotiate(peer, Duration.ofMillis(1))).isEqualTo(expected);
        assertThat(negotiation.advertised()).isEqualTo(ours);
    }

    @ParameterizedTest(name = "rtt {0} ms -> {1}")
    @CsvSource({"5, s2_uncompressed", "30, s2_fast", "80, s2_better", "500, s2_best"})
    void autoFollowsTheRoundTrip(long rttMillis, String expected) {
        CompressionNegotiation auto = new CompressionNegotiation(new LinkCompression("s2_auto", List.of()));
        assertThat(auto.byRoundTrip(Duration.ofMillis(rttMillis))).isEqualTo(expected);
        assertThat(auto.negotiate("s2_fast", Duration.ofMillis(rttMillis))).isEqualTo(expected);
    }
}
