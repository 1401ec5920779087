package io.jnatsd.link;

import static org.assertj.core.api.Assertions.assertThat;

import io.jnatsd.config.ServerOptions;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ConnectErrorReportsTest {
    @Test
    void neverConnectedLinksReportTheFirstAttemptThenEvery3600thAndReconnectsEveryOne() {
        ConnectErrorReports reports = new ConnectErrorReports(() -> ServerOptions.builder().build());
        assertThat(IntStream.rangeClosed(1, 7300).filter(a -> reports.asError(true, a)))
                .containsExactly(1, 3600, 7200);
        assertThat(IntStream.rangeClosed(1, 5).filter(a -> reports.asError(false, a)))
                .containsExactly(1, 2, 3, 4, 5);
    }

    @Test
    void theOptionsAreReadAtEachFailure() {
        ServerOptions[] current = {ServerOptions.builder().build()};
        ConnectErrorReports reports = new ConnectErrorReports(() -> current[0]);
        current[0] = current[0].toBuilder().connectErrorReports(2).reconnectErrorReports(3).build();
        assertThat(IntStream.rangeClosed(1, 6).filter(a -> reports.asError(true, a))).containsExactly(1, 2, 4, 6);
        assertThat(IntStream.rangeClosed(1, 6).filter(a -> reports.asError(false, a))).containsExactly(1, 3, 6);
    }
}
