package io.jnatsd.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jnatsd.config.ServerOptions;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class MessagePathWarmUpTest {
    private static final int PER_BATCH = new MessagePathWarmUp.Traffic().messagesPerBatch();

    @Test
    @Timeout(60)
    void anIdleServersWarmUpCarriesEveryBatchThroughAServerOfItsOwn() throws Exception {
        MessagePathWarmUp warmUp = new MessagePathWarmUp(() -> 0, 10, 0);

        warmUp.run();

        // A frame the server could not parse would have closed the publisher before a PONG.
        assertThat(warmUp.published()).isEqualTo(10L * PER_BATCH);
        assertThat(warmUp.received()).as("deliveries to the subscriber").isGreaterThan(10L * PER_BATCH * 100);
    }

    @Test
    @Timeout(60)
    void theFirstConnectionOfTheRealServerStopsItWithinABatch() throws Exception {
        AtomicInteger checks = new AtomicInteger();
        // The check before beginning and before each of two batches find the server idle, then a client arrives.
        MessagePathWarmUp warmUp = new MessagePathWarmUp(() -> checks.incrementAndGet() <= 3 ? 0 : 1, 20, 0);

        warmUp.run();

        assertThat(warmUp.published()).isEqualTo(2L * PER_BATCH);
    }

    @Test
    void aConnectionDuringTheIdleDelayMeansNoWarmUp() throws Exception {
        AtomicInteger checks = new AtomicInteger();
        MessagePathWarmUp warmUp = new MessagePathWarmUp(() -> {
            checks.incrementAndGet();
            return 1;
        }, 20, Duration.ofMillis(10).toNanos());

        warmUp.run();

        assertThat(warmUp.published()).isZero();
        assertThat(checks).hasValue(1);
    }

    @Test
    void onlyAServerWithoutLinksWarmsUpAndThePropertyTurnsItOff() {
        ServerOptions plain = ServerOptions.defaults();
        assertThat(MessagePathWarmUp.wanted(plain)).isTrue();
        assertThat(MessagePathWarmUp.wanted(flags("--cluster", "nats://127.0.0.1:-1"))).isFalse();
        assertThat(MessagePathWarmUp.wanted(flags("--cluster", "nats://127.0.0.1:-1", "--routes",
                "nats://127.0.0.1:4248"))).isFalse();

        System.setProperty(MessagePathWarmUp.PROPERTY, "false");
        try {
            assertThat(MessagePathWarmUp.wanted(plain)).isFalse();
        } finally {
            System.clearProperty(MessagePathWarmUp.PROPERTY);
        }
    }

    @Test
    void aSubscriptionChangeSubscribesThenUnsubscribesTheSameSid() {
        MessagePathWarmUp.Traffic traffic = new MessagePathWarmUp.Traffic();

        assertThat(new String(traffic.subscriptionChange(0))).isEqualTo("SUB warm.c.100 100\r\n");
        assertThat(new String(traffic.subscriptionChange(1))).isEqualTo("UNSUB 100\r\n");
        assertThat(new String(traffic.subscriptionChange(2))).isEqualTo("SUB warm.c.101 101\r\n");
    }

    @Test
    void aPongIsFoundAmongOtherLinesAndBytesAfterItInTheSameReadDoNoHarm() throws Exception {
        // A server's first PING to a client comes about a second after its CONNECT, and may share
        // a read with the PONG awaited (this once read past the end of the PONG it matched).
        ByteArrayInputStream in = new ByteArrayInputStream(
                "MSG a 1 4\r\nPONG\r\nPONG\r\nPING\r\n".getBytes(StandardCharsets.US_ASCII));

        MessagePathWarmUp.awaitPong(in);

        assertThatThrownBy(() -> MessagePathWarmUp.awaitPong(new ByteArrayInputStream(new byte[] {'P', 'O'})))
                .isInstanceOf(IOException.class);
    }

    private static ServerOptions flags(String... flags) {
        try {
            return FlagOverrides.apply(FlagParser.parse(flags), ServerOptions.defaults());
        } catch (LaunchException e) {
            throw new AssertionError(e);
        }
    }
}
