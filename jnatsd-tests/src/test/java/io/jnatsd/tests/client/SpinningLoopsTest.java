package io.jnatsd.tests.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.jnatsd.JnatsdServer;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * With {@code -Djnatsd.loopSpinMicros} the connection loops poll for a while after work before
 * they sleep: requests between two clients (on different loops, so every message is handed from
 * one loop to the other) are all answered, whether a loop is still polling when the next one
 * comes or has gone to sleep and must be woken.
 */
class SpinningLoopsTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String SPIN_PROPERTY = "jnatsd.loopSpinMicros";

    private static Connection connect(JnatsdServer server) throws Exception {
        return Nats.connect(new Options.Builder().server(server.clientUrl()).connectionTimeout(WAIT).build());
    }

    @Test
    void requestsAreAnsweredWhileLoopsSpinAndAfterTheySlept() throws Exception {
        JnatsdServer server;
        System.setProperty(SPIN_PROPERTY, "200");
        try {
            server = JnatsdServer.builder().start();
        } finally {
            System.clearProperty(SPIN_PROPERTY);
        }
        try (server;
             Connection responder = connect(server);
             Connection requester = connect(server)) {
            Dispatcher echo = responder.createDispatcher(message -> responder.publish(message.getReplyTo(), message.getData()));
            echo.subscribe("echo");
            responder.flush(WAIT);
            for (int i = 0; i < 2_000; i++) {
                if (i % 100 == 0) {
                    // Long enough past the spin window for both loops to block in epoll_wait.
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
                }
                byte[] body = ("request " + i).getBytes(StandardCharsets.UTF_8);
                Message reply = requester.request("echo", body, WAIT);
                assertThat(reply).as("reply to request %d", i).isNotNull();
                assertThat(new String(reply.getData(), StandardCharsets.UTF_8)).isEqualTo("request " + i);
            }
        }
    }
}
