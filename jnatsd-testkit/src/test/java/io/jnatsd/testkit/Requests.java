package io.jnatsd.testkit;

import static org.awaitility.Awaitility.await;

import io.nats.client.Connection;
import io.nats.client.Message;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;

/** Request helpers for tests where interest crosses routes asynchronously. */
final class Requests {
    private Requests() {
    }

    /** The first reply to "ping" within 5 s, retrying while the interest has not arrived yet. */
    static Message awaitReply(Connection client, String subject) {
        return await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20))
                .until(() -> tryRequest(client, subject, Duration.ofMillis(300)), Objects::nonNull);
    }

    /** One request; null when nobody answered in time or nobody listens (yet). */
    static Message tryRequest(Connection client, String subject, Duration timeout) {
        try {
            Message reply = client.request(subject, "ping".getBytes(StandardCharsets.UTF_8), timeout);
            return reply == null || reply.isStatusMessage() ? null : reply;
        } catch (Exception noRespondersOrTimeout) {
            return null;
        }
    }
}
