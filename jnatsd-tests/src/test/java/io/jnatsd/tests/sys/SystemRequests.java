package io.jnatsd.tests.sys;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Subscription;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Scatter-gather requests of a client in the system account: one request, every reply within a time. */
final class SystemRequests {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SystemRequests() {
    }

    /**
     * Publishes {@code body} on {@code subject} and collects the replies until {@code expected}
     * arrived and then {@code quiet} passed without another, or {@code max} elapsed.
     */
    static List<JsonNode> gather(Connection connection, String subject, String body, int expected, Duration quiet,
                                 Duration max) throws Exception {
        String inbox = connection.createInbox();
        Subscription replies = connection.subscribe(inbox);
        try {
            connection.flush(Duration.ofSeconds(5));
            connection.publish(subject, inbox, body.getBytes(StandardCharsets.UTF_8));
            List<JsonNode> answers = new ArrayList<>();
            long deadline = System.nanoTime() + max.toNanos();
            while (System.nanoTime() < deadline) {
                long left = deadline - System.nanoTime();
                Duration wait = answers.size() >= expected ? quiet : Duration.ofNanos(Math.max(1_000_000, left));
                Message message = replies.nextMessage(wait);
                if (message == null) {
                    if (answers.size() >= expected) {
                        break;
                    }
                    continue;
                }
                answers.add(JSON.readTree(message.getData()));
            }
            return answers;
        } finally {
            replies.unsubscribe();
        }
    }

    static JsonNode parse(byte[] json) throws Exception {
        return JSON.readTree(json);
    }
}
