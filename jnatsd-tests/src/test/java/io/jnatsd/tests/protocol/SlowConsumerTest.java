package io.jnatsd.tests.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jnatsd.JnatsdServer;
import io.jnatsd.client.ClientConnection;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.Subscription;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * CLIENT.md §9: a subscriber that does not read is closed (without -ERR) once its pending bytes
 * pass max_pending, and nobody else pays: another subscriber receives every message.
 */
class SlowConsumerTest {
    private static final int MESSAGES = 8_000;
    private static final int SIZE = 1024;
    private static final int BURST = 200;

    /** Patient connection options: the test machine may be busy. */
    private static Connection connect(JnatsdServer server) throws Exception {
        return Nats.connect(new Options.Builder().server(server.clientUrl())
                .connectionTimeout(Duration.ofSeconds(10)).build());
    }

    @Test
    void theSlowClientIsClosedAndAnotherSubscriberReceivesEverything() throws Exception {
        JnatsdServer.Builder builder = JnatsdServer.builder();
        builder.options().maxPending(512 * 1024).maxPayload(64 * 1024);
        try (JnatsdServer server = builder.start();
             RawClient slow = RawClient.open(server.port(), 4096);
             Connection fast = connect(server);
             Connection publisher = connect(server)) {
            assertThat(slow.readLine()).startsWith("INFO");
            slow.send("CONNECT {\"verbose\":false}\r\nSUB firehose 1\r\nPING\r\n");
            assertThat(slow.readLine()).isEqualTo("PONG");
            Subscription subscription = fast.subscribe("firehose");
            fast.flush(Duration.ofSeconds(5));

            byte[] payload = new byte[SIZE];
            // Bursts with a round trip between them: jnatsd stalls a fast producer only between read
            // batches (nats-server does it mid-buffer), so an unpaced publisher on a busy machine
            // could still outrun a subscriber that does read.
            for (int i = 0; i < MESSAGES; i++) {
                publisher.publish("firehose", payload);
                if (i % BURST == BURST - 1) {
                    publisher.flush(Duration.ofSeconds(10));
                }
            }
            publisher.flush(Duration.ofSeconds(10));

            for (int i = 0; i < MESSAGES; i++) {
                assertThat(subscription.nextMessage(Duration.ofSeconds(5))).as("message %d, slow consumers %d, fast %s, publisher %s",
                        i, server.server().statistics().slowConsumers(), fast.getStatus(), publisher.getStatus()).isNotNull();
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> server.server().statistics().slowConsumers() == 1);
            assertThat(slow.isClosedWithin(Duration.ofSeconds(10))).isTrue();
            assertThat(slow.collect(Duration.ZERO, Duration.ZERO).text()).doesNotContain("-ERR");
            assertThat(fast.getStatus()).isEqualTo(Connection.Status.CONNECTED);
        }
    }
    /**
     * CLIENT.md §9's write deadline: a subscriber that stops reading while little is sent to it is
     * closed once its socket has taken nothing for write_deadline, though its queue never nears
     * max_pending; nats-server's blocked write does the same.
     */
    @Test
    void aSubscriberThatStopsReadingIsClosedAfterTheWriteDeadlineWithLittleQueued() throws Exception {
        JnatsdServer.Builder builder = JnatsdServer.builder()
                .configString("write_deadline: \"1s\"\nmax_pending: 1GB\nmax_payload: 64KB\n");
        try (JnatsdServer server = builder.start();
             RawClient frozen = RawClient.open(server.port(), 4096);
             Connection publisher = connect(server)) {
            assertThat(frozen.readLine()).startsWith("INFO");
            frozen.send("CONNECT {\"verbose\":false}\r\nSUB frozen 1\r\nPING\r\n");
            assertThat(frozen.readLine()).isEqualTo("PONG");
            // Published until the server holds some of it (the sockets are full), then no more: far
            // below the 1 MiB that would make the channel unwritable (the other deadline rule).
            ClientConnection frozenConnection = server.server().clients().stream()
                    .filter(c -> c.subscriptionCount() == 1).findFirst().orElseThrow();
            byte[] payload = new byte[16 * 1024];
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            for (int i = 0; i < 1024 && System.nanoTime() < deadline; i++) {
                publisher.publish("frozen", payload);
                publisher.flush(Duration.ofSeconds(10));
                // Bytes still held 100 ms later wait for the socket, not for a flush under way.
                if (frozenConnection.pendingBytes() > 0 && pendingAfter(frozenConnection, Duration.ofMillis(100))) {
                    break;
                }
            }
            assertThat(frozenConnection.pendingBytes()).isBetween(1L, 256L * 1024);
            await().atMost(Duration.ofSeconds(15)).until(() -> server.server().statistics().slowConsumerClients() == 1);
            assertThat(frozen.isClosedWithin(Duration.ofSeconds(10))).isTrue();
            assertThat(publisher.getStatus()).isEqualTo(Connection.Status.CONNECTED);
        }
    }

    private static boolean pendingAfter(ClientConnection connection, Duration wait) throws InterruptedException {
        Thread.sleep(wait.toMillis());
        return connection.pendingBytes() > 0;
    }

    @Test
    void aLeafThatStopsReadingIsClosedAndCountedAsALeafSlowConsumer() throws Exception {
        JnatsdServer.Builder builder = JnatsdServer.builder()
                .configString("max_pending: 512KB\nmax_payload: 64KB\nleafnodes { host: 127.0.0.1, port: -1 }\n");
        try (JnatsdServer hub = builder.start();
             RawClient leaf = RawClient.open(hub.server().leafNodes().listenPort(), 4096);
             Connection publisher = connect(hub)) {
            assertThat(leaf.readLine()).startsWith("INFO");
            leaf.send("CONNECT {\"version\":\"2.10.27\",\"name\":\"SLOW\",\"cluster\":\"SLOW\"}\r\nLS+ firehose\r\n");
            await().atMost(Duration.ofSeconds(10)).until(() -> hub.server().leafNodes().connectionCount() == 1);
            byte[] payload = new byte[SIZE];
            for (int i = 0; i < MESSAGES && hub.server().statistics().slowConsumerLeafs() == 0; i++) {
                publisher.publish("firehose", payload);
                if (i % BURST == BURST - 1) {
                    publisher.flush(Duration.ofSeconds(10));
                }
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> hub.server().statistics().slowConsumerLeafs() == 1);
            assertThat(hub.server().statistics().slowConsumers()).isEqualTo(1);
            assertThat(hub.server().statistics().slowConsumerClients()).isZero();
            assertThat(leaf.isClosedWithin(Duration.ofSeconds(10))).isTrue();
        }
    }
}
