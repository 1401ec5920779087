package io.jnatsd.tests.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jnatsd.JnatsdServer;
import io.jnatsd.config.ConfigLoader;
import io.jnatsd.config.GatewayOptions;
import io.jnatsd.gateway.GatewayView;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The optimistic mode towards a remote cluster that does not announce {@code gateway_iom} (an
 * older nats-server), driven by a scripted peer (GATEWAYS.md §4.4): messages go without interest
 * until the peer refuses a subject (RS-) or the account (A-, taken back by A+), and once the peer
 * switches an account (INFO {@code gateway_cmd} 2, RS+, 3) only what it wants goes — with no
 * message it wants lost on the way. Also what such messages' replies look like (§5.3).
 */
class OptimisticGatewayTest {
    /** nats-server's {@code gatewayMaxRUnsubBeforeSwitch}: the peer switches an account after this many RS-. */
    private static final int THRESHOLD = 1000;
    private static final String SWITCH_START = "INFO {\"gateway\":\"C\",\"gateway_cmd\":2,\"gateway_cmd_payload\":\"JEc=\"}\r\n";
    private static final String SWITCH_COMPLETE = "INFO {\"gateway\":\"C\",\"gateway_cmd\":3,\"gateway_cmd_payload\":\"JEc=\"}\r\n";

    private JnatsdServer server;
    private ScriptedGatewayPeer peer;
    private Connection publisher;

    @BeforeEach
    void start() throws Exception {
        JnatsdServer.Builder builder = JnatsdServer.builder().serverName("A1");
        builder.options().gateway(new GatewayOptions("A", "127.0.0.1", -1, null, 0, null, null,
                GatewayOptions.DEFAULT_AUTH_TIMEOUT, null, false, List.of()));
        server = builder.start();
        peer = ScriptedGatewayPeer.join(server.server().gateways().listenPort());
        await().atMost(Duration.ofSeconds(10)).until(() -> server.server().gateways().outboundViews().stream()
                .anyMatch(v -> v.gateway().equals("C")));
        publisher = Nats.connect(server.clientUrl());
    }

    @AfterEach
    void stop() throws Exception {
        if (publisher != null) {
            publisher.close();
        }
        if (peer != null) {
            peer.close();
        }
        server.close();
    }

    private void publish(String subject) {
        publisher.publish(subject, subject.getBytes(StandardCharsets.UTF_8));
    }

    private String nextSubject() throws InterruptedException {
        ScriptedGatewayPeer.Received message = peer.next(Duration.ofSeconds(5));
        assertThat(message).as("a message sent to C").isNotNull();
        return message.subject();
    }

    private String modeOfGlobalAccount() {
        return server.server().gateways().outboundViews().stream().filter(v -> v.gateway().equals("C"))
                .map(v -> v.interestMode("$G")).findFirst().orElseThrow();
    }

    @Test
    void messagesGoWithoutInterestUntilThePeerRefusesASubjectOrTheAccount() throws Exception {
        assertThat(modeOfGlobalAccount()).isEqualTo("Optimistic");
        publish("opt.1");
        publish("opt.2");
        assertThat(nextSubject()).isEqualTo("opt.1");
        assertThat(nextSubject()).isEqualTo("opt.2");

        peer.send("RS- $G opt.1\r\n");
        peer.sync();
        publish("opt.1");
        publish("opt.2");
        assertThat(nextSubject()).as("opt.1 was refused").isEqualTo("opt.2");

        peer.send("A- $G\r\n");
        peer.sync();
        publish("opt.3");
        publisher.flush(Duration.ofSeconds(2));
        peer.send("A+ $G\r\n");
        peer.sync();
        publish("opt.4");
        assertThat(nextSubject()).as("opt.3 went nowhere while the account was refused").isEqualTo("opt.4");

        peer.send("RS+ $G opt.>\r\n");
        peer.sync();
        publish("opt.1");
        assertThat(nextSubject()).isEqualTo("opt.1");
    }

    @Test
    void afterTheSwitchOnlyWhatThePeerWantsGoesAndNothingItWantedWasLost() throws Exception {
        int rounds = THRESHOLD + 200;
        Set<String> refused = new HashSet<>();
        AtomicBoolean switched = new AtomicBoolean();
        peer.onMessage(message -> {
            // C, as an older nats-server: RS- for each subject nobody wants, and at the threshold the switch
            if (!message.account().equals("$G") || message.subject().startsWith("int.") || switched.get()
                    || !refused.add(message.subject())) {
                return;
            }
            try {
                if (refused.size() < THRESHOLD) {
                    peer.send("RS- $G " + message.subject() + "\r\n");
                } else {
                    switched.set(true);
                    peer.send(SWITCH_START + "RS+ $G int.>\r\n" + SWITCH_COMPLETE);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        for (int i = 0; i < rounds; i++) {
            publish("noint." + i);
            publish("int." + i);
        }
        List<String> wanted = new ArrayList<>();
        while (wanted.size() < rounds) {
            String subject = nextSubject();
            if (subject.startsWith("int.")) {
                wanted.add(subject);
            }
        }
        for (int i = 0; i < rounds; i++) {
            assertThat(wanted.get(i)).isEqualTo("int." + i);
        }
        assertThat(switched).isTrue();
        await().atMost(Duration.ofSeconds(5)).until(() -> modeOfGlobalAccount().equals("Interest-Only"));

        peer.sync();
        publish("noint.late");
        publish("int.last");
        assertThat(nextSubject()).as("after the switch only what C wants goes").isEqualTo("int.last");
        List<GatewayView> views = new ArrayList<>(server.server().gateways().outboundViews());
        assertThat(views).singleElement().satisfies(v -> assertThat(v.noInterestCount("$G")).isZero());
    }

    /**
     * As nats-server 2.10.27 answers an optimistic peer on the connection it dialed: a message for an
     * account this server does not have gets {@code A- <acc>} once; when a reload adds the account it
     * is switched at once ({@code gateway_cmd} 2 and 3 with nothing between), so messages for it get
     * no answer, and its first subscription is a plain RS+.
     */
    @Test
    void anUnknownAccountIsRefusedOnceAndSwitchedWhenAReloadAddsIt() throws Exception {
        Path conf = Files.createTempFile("jnatsd-gateway-accounts-", ".conf");
        conf.toFile().deleteOnExit();
        Files.writeString(conf, "server_name: L1\nhost: 127.0.0.1\nport: -1\n"
                + "accounts { FIRST { users: [ { user: f, password: f } ] } }\n"
                + "gateway { name: L, listen: \"127.0.0.1:-1\" }\n");
        try (JnatsdServer withAccounts = JnatsdServer.start(ConfigLoader.load(conf));
             ScriptedGatewayPeer c = ScriptedGatewayPeer.join(withAccounts.server().gateways().listenPort())) {
            c.sendOnDialed("RMSG LATER foo 2\r\nzz\r\nRMSG FIRST nobody 2\r\nzz\r\nRMSG LATER foo 2\r\nzz\r\n");
            c.syncDialed();
            assertThat(c.drainInterestLines()).filteredOn(l -> l.startsWith("A") || l.contains(" LATER"))
                    .as("one A- for the unknown account, nothing for a known one without interest")
                    .containsExactly("A- LATER");

            Files.writeString(conf, "server_name: L1\nhost: 127.0.0.1\nport: -1\n"
                    + "accounts { FIRST { users: [ { user: f, password: f } ] }, LATER { users: [ { user: l, password: l } ] } }\n"
                    + "gateway { name: L, listen: \"127.0.0.1:-1\" }\n");
            assertThat(withAccounts.server().reload(ConfigLoader.load(conf))).isEmpty();
            c.sendOnDialed("RMSG LATER foo 2\r\nzz\r\n");
            c.syncDialed();
            String payload = Base64.getEncoder().encodeToString("LATER".getBytes(StandardCharsets.UTF_8));
            List<String> forLater = c.drainInterestLines().stream()
                    .filter(l -> l.contains(payload) || l.contains(" LATER")).toList();
            assertThat(forLater).as("switched at the reload, no answer to its message").hasSize(2);
            assertThat(forLater.get(0)).contains("\"gateway_cmd\":2");
            assertThat(forLater.get(1)).contains("\"gateway_cmd\":3");

            try (Connection later = Nats.connect(Options.builder().server(withAccounts.clientUrl())
                    .userInfo("l", "l").build())) {
                later.subscribe("fresh.x");
                later.flush(Duration.ofSeconds(2));
                List<String> lines = new ArrayList<>();
                await().atMost(Duration.ofSeconds(5)).until(() -> {
                    String line = c.nextInterestLine(Duration.ofMillis(100));
                    if (line != null) {
                        lines.add(line);
                    }
                    return lines.contains("RS+ LATER fresh.x");
                });
                assertThat(lines).filteredOn(l -> l.contains(payload) || l.contains(" LATER"))
                        .containsExactly("RS+ LATER fresh.x");
            }
        }
    }

    /**
     * A reply crosses with this server's {@code _GR_.} prefix only when it matches a subscription of
     * the last 2 s, whose interest may not have reached the other cluster yet, as nats-server decides;
     * any other reply crosses as it is. (The 2 s window itself is {@code RecentInterestTest}'s.)
     */
    @Test
    void aReplyIsPrefixedOnlyWhenItMatchesAFreshSubscription() throws Exception {
        publisher.subscribe("inbox.fresh.*");
        publisher.flush(Duration.ofSeconds(5));
        publisher.publish("svc", "inbox.fresh.1", "a".getBytes(StandardCharsets.UTF_8));
        publisher.publish("svc", "inbox.nobody", "b".getBytes(StandardCharsets.UTF_8));
        publisher.flush(Duration.ofSeconds(5));

        ScriptedGatewayPeer.Received mapped = peer.next(Duration.ofSeconds(5));
        ScriptedGatewayPeer.Received plain = peer.next(Duration.ofSeconds(5));
        assertThat(mapped).isNotNull();
        assertThat(mapped.reply()).matches("_GR_\\.[0-9A-Za-z]{6}\\.[0-9A-Za-z]{6}\\.inbox\\.fresh\\.1");
        assertThat(plain).isNotNull();
        assertThat(plain.reply()).isEqualTo("inbox.nobody");
    }
}
