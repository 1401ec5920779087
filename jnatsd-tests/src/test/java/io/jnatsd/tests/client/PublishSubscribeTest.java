package io.jnatsd.tests.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jnatsd.testkit.JnatsdTest;
import io.jnatsd.testkit.NatsServer;
import io.jnatsd.testkit.NatsTestServer;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Subscription;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

@JnatsdTest
class PublishSubscribeTest {
    @NatsServer
    static NatsTestServer server;

    @Test
    void aSubscriberReceivesWhatIsPublished(Connection nc) throws Exception {
        Subscription sub = nc.subscribe("greet.*");
        nc.flush(Duration.ofSeconds(2));
        nc.publish("greet.joe", "hello".getBytes(StandardCharsets.UTF_8));
        Message m = sub.nextMessage(Duration.ofSeconds(2));
        assertThat(m).isNotNull();
        assertThat(new String(m.getData(), StandardCharsets.UTF_8)).isEqualTo("hello");
        assertThat(m.getSubject()).isEqualTo("greet.joe");
    }

    @Test
    void requestsGetRepliesWithHeaders(Connection service, Connection client) throws Exception {
        service.createDispatcher(m -> {
            Headers h = new Headers().add("X-Answer", "42");
            service.publish(NatsMessage.builder().subject(m.getReplyTo()).headers(h).data("pong").build());
        }).subscribe("svc.ping");
        service.flush(Duration.ofSeconds(2));
        Message reply = client.request("svc.ping", "ping".getBytes(), Duration.ofSeconds(2));
        assertThat(new String(reply.getData())).isEqualTo("pong");
        assertThat(reply.getHeaders().getFirst("X-Answer")).isEqualTo("42");
    }

    @Test
    void aRequestWithoutRespondersFailsFast(Connection client) {
        CompletableFuture<Message> f = client.request("nobody.home", new byte[0]);
        // jnats cancels the request future when the server answers with a 503 status.
        assertThatThrownBy(() -> f.get(2, TimeUnit.SECONDS)).isInstanceOf(CancellationException.class);
    }
}
