package io.jnatsd.tests.leaf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jnatsd.JnatsdServer;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Subscription;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The hub's admission of leaf connections (LEAFNODES.md §3, §6, §15) seen from a raw socket, and a
 * spoke that reconnects after its hub restarted, with its interest sent again.
 */
class LeafNodeAdmissionTest {
    private static final String HUB = """
            server_name: HUB
            accounts { A { users: [ {user: a, password: a} ] } }
            leafnodes { host: 127.0.0.1, port: %d, authorization { users: [ {user: la, password: la, account: A} ] } }
            """;

    private static String exchange(int port, String send) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5000);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            String info = in.readLine();
            assertThat(info).startsWith("INFO {").endsWith("} ").contains("\"proto\":1", "\"auth_required\":true",
                    "\"leafnode_urls\":[", "\"info_on_connect\":true", "\"compression\":\"s2_auto\"");
            OutputStream out = socket.getOutputStream();
            out.write(send.getBytes(StandardCharsets.UTF_8));
            out.flush();
            StringBuilder answer = new StringBuilder();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                answer.append(line).append('\n');
                if (line.startsWith("-ERR") || line.startsWith("LS+ $LDS.")) {
                    break;
                }
            }
            return answer.toString();
        }
    }

    @Test
    void aLeafOlderThanMinVersionIsToldSoAndNeverRegistered() throws Exception {
        try (JnatsdServer hub = JnatsdServer.builder().configString(HUB.formatted(-1)
                .replace("port: -1,", "port: -1, min_version: \"2.9.0\",")).start()) {
            int port = hub.server().leafNodes().listenPort();
            String rejected = "-ERR 'connection rejected since minimum version required is \"2.9.0\"'\n";
            assertThat(exchange(port, "CONNECT {\"version\":\"2.8.4\",\"user\":\"la\",\"pass\":\"la\",\"name\":\"X\","
                    + "\"cluster\":\"X\"}\r\n")).isEqualTo(rejected);
            assertThat(exchange(port, "CONNECT {\"user\":\"la\",\"pass\":\"la\",\"name\":\"X\",\"cluster\":\"X\"}\r\n"))
                    .isEqualTo(rejected);
            assertThat(exchange(port, "CONNECT {\"version\":\"2.10.27\",\"user\":\"la\",\"pass\":\"la\",\"name\":\"X\","
                    + "\"cluster\":\"X\"}\r\n")).contains("\"connect_info\":true");
        }
    }

    @Test
    void theHubRefusesWhatNatsServerRefuses() throws Exception {
        try (JnatsdServer hub = JnatsdServer.builder().configString(HUB.formatted(-1)).start()) {
            int port = hub.server().leafNodes().listenPort();
            assertThat(exchange(port, "CONNECT {\"user\":\"la\",\"pass\":\"nope\",\"name\":\"X\",\"cluster\":\"X\"}\r\n"))
                    .isEqualTo("-ERR 'Authorization Violation'\n");
            assertThat(exchange(port, "CONNECT {\"lang\":\"java\",\"verbose\":false}\r\n"))
                    .isEqualTo("-ERR 'attempted to connect to leaf node port'\n");
            assertThat(exchange(port, "CONNECT {\"user\":\"la\",\"pass\":\"la\",\"name\":\"X\",\"cluster\":\"HUB\"}\r\n"))
                    .isEqualTo("-ERR 'remote leafnode has same cluster name'\n");
            // interest before CONNECT: no account is bound, the link closes (nats-server 2.10.27 crashed here)
            assertThat(exchange(port, "LS+ foo\r\n")).startsWith("-ERR 'Authorization Violation'");
            String accepted = exchange(port, "CONNECT {\"user\":\"la\",\"pass\":\"la\",\"name\":\"X\",\"cluster\":\"X\"}\r\n");
            assertThat(accepted).startsWith("INFO {").contains("\"connect_info\":true", "\"remote_account\":\"A\"")
                    .doesNotContain("nonce").contains("LS+ $LDS.");
            assertThat(hub.server().leafNodes().connectionCount()).isLessThanOrEqualTo(1);
        }
    }

    @Test
    void aLeafThatEchoesTheHubsLoopSubjectIsCutOff() throws Exception {
        try (JnatsdServer hub = JnatsdServer.builder().configString(HUB.formatted(-1)).start();
             Socket socket = new Socket("127.0.0.1", hub.server().leafNodes().listenPort())) {
            socket.setSoTimeout(5000);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            OutputStream out = socket.getOutputStream();
            assertThat(in.readLine()).startsWith("INFO {");
            out.write("CONNECT {\"user\":\"la\",\"pass\":\"la\",\"name\":\"X\",\"cluster\":\"X\"}\r\n"
                    .getBytes(StandardCharsets.UTF_8));
            out.flush();
            String loop = null;
            for (String line = in.readLine(); loop == null && line != null; line = in.readLine()) {
                if (line.startsWith("LS+ $LDS.")) {
                    loop = line;
                }
            }
            assertThat(loop).isNotNull();
            out.write((loop + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            String answer = in.readLine();
            while (answer != null && !answer.startsWith("-ERR")) {
                answer = in.readLine();
            }
            assertThat(answer).isEqualTo("-ERR 'Loop detected for leafnode account=\"A\". Delaying attempt to reconnect for 30s'");
            assertThat(in.readLine()).as("closed").isNull();
        }
    }

    @Test
    void aSpokeFailsOverToTheNextUrlOfItsRemote() throws Exception {
        int dead;
        try (ServerSocket probe = new ServerSocket(0)) {
            dead = probe.getLocalPort();
        }
        try (JnatsdServer hub = JnatsdServer.builder().configString(HUB.formatted(-1)).start();
             JnatsdServer leaf = JnatsdServer.builder().configString("server_name: L\nleafnodes { remotes: [ { urls: [ "
                     + "\"nats://la:la@127.0.0.1:" + dead + "\", \"nats://127.0.0.1:" + hub.server().leafNodes().listenPort()
                     + "\" ], no_randomize: true } ] }\n").start()) {
            // the second URL has no user info: the first URL's credentials are used (LEAFNODES.md §2.2)
            await().atMost(Duration.ofSeconds(5)).until(() -> hub.server().leafNodes().connectionCount() == 1
                    && leaf.server().leafNodes().connectionCount() == 1);
        }
    }

    @Test
    void aSpokeReconnectsToARestartedHubWithItsInterest() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        JnatsdServer first = JnatsdServer.builder().configString(HUB.formatted(port)).start();
        JnatsdServer hub = first;
        try (JnatsdServer leaf = JnatsdServer.builder().configString("server_name: L\nleafnodes { remotes: [ { url: "
                + "\"nats://la:la@127.0.0.1:" + port + "\" } ] }\n").start();
             Connection onLeaf = Nats.connect(leaf.clientUrl())) {
            Subscription subscription = onLeaf.subscribe("resync.x");
            onLeaf.flush(Duration.ofSeconds(2));
            await().atMost(Duration.ofSeconds(5)).until(() -> !first.server().account("A").subscriptions()
                    .match("resync.x").isEmpty());
            first.close();
            long down = System.nanoTime();
            hub = JnatsdServer.builder().configString(HUB.formatted(port)).start();
            JnatsdServer restarted = hub;
            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20)).until(() ->
                    !restarted.server().account("A").subscriptions().match("resync.x").isEmpty());
            assertThat(Duration.ofNanos(System.nanoTime() - down)).as("reconnected at the 1 s reconnect interval")
                    .isLessThan(Duration.ofSeconds(4));
            try (Connection onHub = Nats.connect(new io.nats.client.Options.Builder().server(restarted.clientUrl())
                    .userInfo("a", "a").build())) {
                onHub.publish("resync.x", "again".getBytes(StandardCharsets.UTF_8));
                Message message = subscription.nextMessage(Duration.ofSeconds(5));
                assertThat(message).isNotNull();
                assertThat(new String(message.getData(), StandardCharsets.UTF_8)).isEqualTo("again");
            }
        } finally {
            hub.close();
        }
    }
}
