package io.jnatsd.launcher;

import static org.assertj.core.api.Assertions.assertThatCode;

import org.junit.jupiter.api.Test;

/** The archive's training start completes a TLS handshake through jnatsd's own server TLS set-up. */
class TlsTrainingTest {
    @Test
    void theTrainingHandshakeCompletesAndCarriesARecord() {
        assertThatCode(TlsTraining::handshake).doesNotThrowAnyException();
    }
}
