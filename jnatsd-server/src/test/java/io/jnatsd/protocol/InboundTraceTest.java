package io.jnatsd.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A traced CONNECT's password, redacted as nats-server 2.10.27 redacts it (the expected texts are from its log). */
class InboundTraceTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"verbose\":false,\"user\":\"u\",\"pass\":\"p\",\"auth_token\":\"t\"}|{\"verbose\":false,\"user\":\"u\",\"pass\":\"[REDACTED]\",\"auth_token\":\"t\"}",
        "{\"sig\":\"abc\",\"pass\":\"p\\\"q\",\"verbose\":false}|{\"sig\":\"abc\",\"pass\":\"[REDACTED]\"q\",\"verbose\":false}",
        "{\"pass\" : \"x\", \"pass\":\"y\"}|{\"pass\" : \"[REDACTED]\", \"pass\":\"y\"}",
        "{\"user\":\"pass\",\"pass\":123}|{\"user\":\"pass\",\"pass\":[REDACTED]}",
        "{\"verbose\":false}|{\"verbose\":false}"})
    void theFirstPasswordIsRedactedAsNatsServerDoes(String connect, String traced) {
        assertThat(InboundTrace.withoutPassword(connect)).isEqualTo(traced);
    }
}
