package io.jnatsd.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Subscription;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

@JnatsdTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ServerInjectionTest {
    private static final Set<String> PER_TEST_URLS = new HashSet<>();
    private static final Set<NatsTestServer> SHARED_SEEN = new HashSet<>();

    @NatsServer
    static NatsTestServer shared;

    @NatsServer
    NatsTestServer perTest;

    @Test
    @Order(1)
    void aStaticFieldIsOneServerForTheClassAndAnInstanceFieldOnePerTest() {
        SHARED_SEEN.add(shared);
        PER_TEST_URLS.add(perTest.url());
        assertThat(shared.url()).isNotEqualTo(perTest.url()).startsWith("nats://127.0.0.1:");
    }

    @Test
    @Order(2)
    void theSecondTestSeesTheSameSharedServerAndAFreshOwnOne() {
        SHARED_SEEN.add(shared);
        PER_TEST_URLS.add(perTest.url());
        assertThat(SHARED_SEEN).hasSize(1);
        assertThat(PER_TEST_URLS).hasSize(2);
    }

    @Test
    void anInjectedConnectionOfAnAnnotatedParameterReachesThatServer(@NatsServer NatsTestServer own, Connection nc)
            throws Exception {
        assertThat(nc.getConnectedUrl()).isEqualTo(own.url());
        Subscription sub = nc.subscribe("greet");
        nc.publish("greet", "hello".getBytes(StandardCharsets.UTF_8));
        Message message = sub.nextMessage(Duration.ofSeconds(2));
        assertThat(new String(message.getData(), StandardCharsets.UTF_8)).isEqualTo("hello");
    }

    @Test
    void aServerWithMonitoringAndAConfigResourceStartsFromIt(@NatsServer(config = "small-payload.conf", monitoring = true)
            NatsTestServer configured) {
        assertThat(configured.jnatsd().options().maxPayload()).isEqualTo(4096);
        assertThat(configured.monitorUrl()).startsWith("http://127.0.0.1:");
    }

    @Test
    void connectionsOpenedThroughTheHandleCloseWithIt() throws Exception {
        NatsTestServer server = NatsTestServer.start();
        Connection nc = server.connect();
        server.close();
        assertThat(nc.getStatus()).isEqualTo(Connection.Status.CLOSED);
    }
}
