package io.jnatsd.tests.auth;

import static io.jnatsd.tests.auth.FullResolverTest.SYSTEM;
import static io.jnatsd.tests.auth.FullResolverTest.account;
import static io.jnatsd.tests.auth.FullResolverTest.config;
import static io.jnatsd.tests.auth.FullResolverTest.connects;
import static io.jnatsd.tests.auth.FullResolverTest.creds;
import static io.jnatsd.tests.auth.FullResolverTest.directory;
import static io.jnatsd.tests.auth.FullResolverTest.options;
import static org.assertj.core.api.Assertions.assertThat;

import io.jnatsd.JnatsdServer;
import io.jnatsd.auth.nkey.NKeyPair;
import io.jnatsd.auth.nkey.NKeyType;
import io.jnatsd.config.ConfigLoader;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Subscription;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The full resolver across a cluster of three jnatsd servers, each with its own directory: an
 * account pushed through one server is stored and usable on all (every server subscribes to the
 * update requests, so each answers), and a server that was down during the push catches up
 * through {@code $SYS.REQ.CLAIMS.PACK} within its sync interval.
 */
class FullResolverClusterTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void warmUp() {
        FullResolverTest.warmUp();
    }

    private JnatsdServer start(String name, String extra) throws Exception {
        return start(name, "", extra);
    }

    private JnatsdServer start(String name, String resolverOptions, String extra) throws Exception {
        Path conf = dir.resolve(name + ".conf");
        Files.writeString(conf, config(directory(dir, name), resolverOptions, "server_name: " + name + "\n" + extra));
        return JnatsdServer.start(ConfigLoader.load(conf));
    }

    private static String cluster(int seedPort) {
        return "cluster { name: RES, listen: 127.0.0.1:-1" + (seedPort == 0 ? "" : ", routes: [\"nats-route://127.0.0.1:"
                + seedPort + "\"]") + " }\n";
    }

    @Test
    void anAccountPushedToOneServerIsUsableOnAllAndALateServerCatchesUp() throws Exception {
        NKeyPair billing = NKeyPair.generate(NKeyType.ACCOUNT);
        String billingJwt = account(billing, "BILLING");
        Path billingUser = creds(dir, billing, NKeyPair.generate(NKeyType.USER));
        try (JnatsdServer s1 = start("S1", cluster(0))) {
            int seed = s1.server().cluster().listenPort();
            try (JnatsdServer s2 = start("S2", cluster(seed));
                 JnatsdServer s3 = start("S3", cluster(seed));
                 Connection system = Nats.connect(options(s1.clientUrl(),
                         creds(dir, SYSTEM, NKeyPair.generate(NKeyType.USER)), Duration.ofSeconds(5)))) {
                Awaitility.await().atMost(Duration.ofSeconds(10))
                        .until(() -> s1.server().cluster().remoteCount() == 2 && s2.server().cluster().remoteCount() == 2
                                && s3.server().cluster().remoteCount() == 2);
                String inbox = system.createInbox();
                Subscription replies = system.subscribe(inbox);
                system.flush(Duration.ofSeconds(5));
                // Every server's update subscription must be known on S1 before the push.
                Set<String> answered = new HashSet<>();
                Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> {
                    system.publish("$SYS.REQ.CLAIMS.UPDATE", inbox, billingJwt.getBytes(StandardCharsets.UTF_8));
                    for (Message m = replies.nextMessage(Duration.ofMillis(300)); m != null;
                         m = replies.nextMessage(Duration.ofMillis(100))) {
                        String reply = new String(m.getData(), StandardCharsets.UTF_8);
                        assertThat(reply).contains("\"code\":200");
                        answered.add(reply.replaceAll(".*\"name\":\"(S\\d)\".*", "$1"));
                    }
                    return answered.size() == 3;
                });
                assertThat(answered).containsExactlyInAnyOrder("S1", "S2", "S3");
                for (JnatsdServer server : new JnatsdServer[] {s1, s2, s3}) {
                    assertThat(connects(server.clientUrl(), billingUser)).as(server.clientUrl()).isTrue();
                }
                assertThat(Files.readString(dir.resolve("S3").resolve(billing.publicKey() + ".jwt"))).isEqualTo(billingJwt);
            }
            // S4 was not there for the push: it asks its peers with its directory's hash and merges the pack.
            try (JnatsdServer s4 = start("S4", ", interval: \"300ms\"", cluster(seed))) {
                Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> connects(s4.clientUrl(), billingUser));
                assertThat(Files.readString(dir.resolve("S4").resolve(billing.publicKey() + ".jwt"))).isEqualTo(billingJwt);
            }
        }
    }
}
