package io.jnatsd.tests.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.Subscription;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

/**
 * A well-behaved subscriber and publisher, connected before the fuzzing starts and never
 * reconnecting: each {@link #roundTrip} publishes a numbered message and must receive it, so a
 * fuzz input that breaks anything beyond its own connection (or the route the two sides use)
 * shows here. Messages a fuzz connection injects on the same subject are skipped.
 */
final class Bystander implements AutoCloseable {
    private final Connection subscriber;
    private final Connection publisher;
    private final Subscription subscription;
    private final String subject = "bystander." + UUID.randomUUID().toString().replace("-", "");
    private int sent;

    Bystander(String subscriberUrl, String publisherUrl) throws Exception {
        subscriber = connect(subscriberUrl);
        publisher = connect(publisherUrl);
        subscription = subscriber.subscribe(subject);
        subscriber.flush(Duration.ofSeconds(5));
    }

    /** Waits until the subscription is known where the publisher is (across a route, say). */
    void awaitInterest() throws Exception {
        for (int attempt = 0; attempt < 100; attempt++) {
            publisher.publish(subject, "probe".getBytes(StandardCharsets.UTF_8));
            publisher.flush(Duration.ofSeconds(5));
            Message message = subscription.nextMessage(Duration.ofMillis(100));
            if (message != null) {
                while (subscription.nextMessage(Duration.ofMillis(50)) != null) {
                    // drain the other probes
                }
                return;
            }
        }
        throw new AssertionError("the bystander's subscription never reached its publisher");
    }

    void roundTrip(String context) throws Exception {
        String payload = "m" + (++sent);
        publisher.publish(subject, payload.getBytes(StandardCharsets.UTF_8));
        publisher.flush(Duration.ofSeconds(5));
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < deadline) {
            Message message = subscription.nextMessage(Duration.ofMillis(200));
            if (message != null && payload.equals(new String(message.getData(), StandardCharsets.UTF_8))) {
                assertConnected(context);
                return;
            }
        }
        throw new AssertionError("bystander message " + payload + " not delivered " + context);
    }

    private void assertConnected(String context) {
        assertThat(subscriber.getStatus()).as("subscriber " + context).isEqualTo(Connection.Status.CONNECTED);
        assertThat(publisher.getStatus()).as("publisher " + context).isEqualTo(Connection.Status.CONNECTED);
        assertThat(subscriber.getStatistics().getReconnects() + publisher.getStatistics().getReconnects())
                .as("bystander reconnects " + context).isZero();
    }

    private static Connection connect(String url) throws Exception {
        return Nats.connect(new Options.Builder().server(url).noReconnect().connectionName("bystander")
                .connectionTimeout(Duration.ofSeconds(20)).build());
    }

    @Override
    public void close() throws InterruptedException {
        subscriber.close();
        publisher.close();
    }
}
