package io.jnatsd.bench.wire;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class RawClientTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @Test
    void publisherSendsExactlyTheMessageLimitAndReturnsOnceTheServerHasReadThem() throws Exception {
        try (CalibrationServer server = new CalibrationServer(16);
             RawConnection connection = RawConnection.open(server.address(), "test", TIMEOUT)) {
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            long published = new RawPublisher(connection, "test.subject", 16).publish(deadline, 12_345, deadline);
            assertThat(published).isEqualTo(12_345);
        }
    }

    @Test
    void jsonFramesAreWholeAcrossTheWholePoolAndItsWrapAround() throws Exception {
        try (CalibrationServer server = new CalibrationServer(16);
             RawConnection connection = RawConnection.open(server.address(), "test", TIMEOUT)) {
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            // 40,000 frames of ~150 bytes: three times the 2 MiB pool; a frame cut wrong would leave
            // the server parsing payload as commands, and the final PING would never be answered.
            long published = new RawPublisher(connection, "test.subject", 128, Payload.JSON).publish(deadline, 40_000, deadline);
            assertThat(published).isEqualTo(40_000);
        }
    }

    @Test
    void subscriberCountsMessagesStreamedToIt() throws Exception {
        try (CalibrationServer server = new CalibrationServer(100);
             RawConnection connection = RawConnection.open(server.address(), "test", TIMEOUT);
             RawSubscriber subscriber = new RawSubscriber(connection, "test.subject", null, 1,
                 System.nanoTime() + TIMEOUT.toNanos())) {
            subscriber.start(System.nanoTime() + TIMEOUT.toNanos());
            await().atMost(TIMEOUT).until(() -> subscriber.messages() > 10_000);
            assertThat(subscriber.failure()).isNull();
            assertThat(subscriber.probes()).isZero();
        }
    }

    @Test
    void publisherEncodesPubFramesWithTheirPayloadSize() {
        assertThat(new String(RawPublisher.encodeFrame("a.b", 3), java.nio.charset.StandardCharsets.US_ASCII))
            .isEqualTo("PUB a.b 3\r\nabc\r\n");
    }
}
