package io.jnatsd.tests.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.jnatsd.JnatsdServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** CLIENT.md §1–§7 on the wire, with a raw socket: framing, CONNECT options, operations, headers, subjects. */
class ClientSessionTest {
    private static final String QUIET = "{\"verbose\":false,\"pedantic\":false}";
    private static final String HEADERS = "{\"verbose\":false,\"pedantic\":false,\"headers\":true}";
    private static JnatsdServer server;

    @BeforeAll
    static void start() throws Exception {
        server = JnatsdServer.builder().start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static RawClient client(String connect) throws Exception {
        return RawClient.connect(server.port(), connect);
    }

    @Test
    void infoComesFirstAndEndsWithABlankBeforeCrlf() throws Exception {
        try (RawClient client = RawClient.open(server.port())) {
            String info = client.readLine();
            assertThat(info).startsWith("INFO {\"server_id\":\"N").endsWith("} ");
            assertThat(info).contains("\"proto\":1", "\"headers\":true", "\"max_payload\":1048576", "\"client_id\":");
        }
    }

    @Test
    void withoutAuthOperationsBeforeConnectUseTheVerboseDefaults() throws Exception {
        try (RawClient client = RawClient.connect(server.port())) {
            client.send("PING\r\nSUB pre.x 1\r\nPUB pre.x 1\r\nz\r\n");
            assertThat(client.readLine()).isEqualTo("PONG");
            assertThat(client.linesUntilPong()).containsExactly("+OK", "+OK", "MSG pre.x 1 1", "z");
        }
    }

    @Test
    void anEmptyConnectMeansVerboseAndTheOkPrecedesTheDelivery() throws Exception {
        try (RawClient client = RawClient.connect(server.port())) {
            client.send("CONNECT {}\r\nSUB v.x 1\r\nPUB v.x 1\r\nz\r\nUNSUB 1\r\n");
            assertThat(client.linesUntilPong()).containsExactly("+OK", "+OK", "+OK", "MSG v.x 1 1", "z", "+OK");
        }
    }

    @Test
    void aCrAmongTheArgumentsDropsTheByteBeforeTheLineFeedAsNatsServerDoes() throws Exception {
        try (RawClient client = client(QUIET)) {
            // nats-server 2.10 reads this UNSUB as "UNSUB 1 1": one more message, then the subscription is gone.
            client.send("SUB cr.x 1\r\nUNSUB 1 1\r5\nPUB cr.x 1\r\na\r\nPUB cr.x 1\r\nb\r\n");
            assertThat(client.linesUntilPong()).containsExactly("MSG cr.x 1 1", "a");
        }
    }

    @Test
    void verbsIgnoreCaseArgumentsSplitAtTabsAndLinesMayEndInLf() throws Exception {
        try (RawClient client = client(QUIET)) {
            client.send("sUb\tcase.x \t 7\npUb case.x\t2\nhi\r\nPiNg\n");
            assertThat(client.readLine()).isEqualTo("MSG case.x 7 2");
            assertThat(client.readLine()).isEqualTo("hi");
            assertThat(client.readLine()).isEqualTo("PONG");
        }
    }

    @Test
    void sidsAreAnyTokenAndAReusedSidIsIgnored() throws Exception {
        try (RawClient client = client(QUIET)) {
            client.send("SUB sid.one abc\r\nSUB sid.two abc\r\nPUB sid.one 1\r\na\r\nPUB sid.two 1\r\nb\r\n");
            assertThat(client.linesUntilPong()).containsExactly("MSG sid.one abc 1", "a");
        }
    }

    @Test
    void unsubWithMaxStopsAfterThatManyMessages() throws Exception {
        try (RawClient client = client(QUIET)) {
            client.send("SUB max.x 1\r\nUNSUB 1 2\r\nPUB max.x 1\r\na\r\nPUB max.x 1\r\nb\r\nPUB max.x 1\r\nc\r\n");
            assertThat(client.linesUntilPong()).containsExactly("MSG max.x 1 1", "a", "MSG max.x 1 1", "b");
            client.send("SUB max.y 2\r\nPUB max.y 1\r\na\r\nUNSUB 2 1\r\nPUB max.y 1\r\nb\r\nUNSUB 99\r\n");
            assertThat(client.linesUntilPong()).containsExactly("MSG max.y 2 1", "a");
        }
    }

    @Test
    void echoFalseKeepsOwnMessagesFromOwnSubscriptionsOnly() throws Exception {
        try (RawClient quiet = client("{\"verbose\":false,\"echo\":false}"); RawClient other = client(QUIET)) {
            quiet.send("SUB echo.x 1\r\n");
            other.send("SUB echo.x 2\r\n");
            assertThat(quiet.linesUntilPong()).isEmpty();
            assertThat(other.linesUntilPong()).isEmpty();
            quiet.send("PUB echo.x 2\r\nhi\r\n");
            assertThat(quiet.linesUntilPong()).isEmpty();
            assertThat(other.readLine()).isEqualTo("MSG echo.x 2 2");
        }
    }

    @Test
    void headersAreDeliveredAsHmsgAndStrippedForClientsWithoutHeaderSupport() throws Exception {
        try (RawClient plain = client(QUIET); RawClient modern = client(HEADERS); RawClient publisher = client(HEADERS)) {
            plain.send("SUB h.2 1\r\n");
            modern.send("SUB h.2 1\r\n");
            assertThat(plain.linesUntilPong()).isEmpty();
            assertThat(modern.linesUntilPong()).isEmpty();
            publisher.send("HPUB h.2 rep 12 12\r\nNATS/1.0\r\n\r\n\r\nHPUB h.2 20 25\r\nNATS/1.0\r\nX-A: 1\r\n\r\nhello\r\n");
            assertThat(publisher.linesUntilPong()).isEmpty();
            assertThat(plain.linesUntilPong()).containsExactly("MSG h.2 1 rep 0", "", "MSG h.2 1 5", "hello");
            assertThat(modern.linesUntilPong()).containsExactly("HMSG h.2 1 rep 12 12", "NATS/1.0", "", "",
                    "HMSG h.2 1 20 25", "NATS/1.0", "X-A: 1", "", "hello");
        }
    }

    @Test
    void aRequestNobodyReceivesGetsTheExact503Status() throws Exception {
        try (RawClient client = client("{\"verbose\":false,\"headers\":true,\"no_responders\":true}")) {
            client.send("SUB _INBOX.z 9\r\nPUB nobody.home _INBOX.z 0\r\n\r\nHPUB nobody.home _INBOX.z 12 12\r\nNATS/1.0\r\n\r\n\r\n");
            client.send("PING\r\n");
            byte[] status = "HMSG _INBOX.z 9 16 16\r\nNATS/1.0 503\r\n\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            assertThat(new String(client.readBytes(status.length * 2), java.nio.charset.StandardCharsets.US_ASCII))
                    .isEqualTo(new String(status, java.nio.charset.StandardCharsets.US_ASCII).repeat(2));
            assertThat(client.readLine()).isEqualTo("PONG");
        }
    }

    @Test
    void wildcardsMatchWholeTokensOnly() throws Exception {
        try (RawClient client = client(QUIET)) {
            client.send("SUB w.* 1\r\nSUB w.> 2\r\nSUB a*b 3\r\n"
                    + "PUB w.a 1\r\nx\r\nPUB w.a.b 1\r\ny\r\nPUB w 1\r\nz\r\nPUB a*b 1\r\nq\r\nPUB axb 1\r\nr\r\n");
            assertThat(client.linesUntilPong()).containsExactlyInAnyOrder(
                    "MSG w.a 1 1", "x", "MSG w.a 2 1", "x", "MSG w.a.b 2 1", "y", "MSG a*b 3 1", "q");
        }
    }

    @Test
    void nonPedanticClientsMayPublishToWildcardSubjectsLiterally() throws Exception {
        try (RawClient client = client(QUIET)) {
            client.send("SUB lit.> 1\r\nPUB lit.> 1\r\nx\r\nPUB lit..a 1\r\ny\r\n");
            assertThat(client.linesUntilPong()).containsExactly("MSG lit.> 1 1", "x");
        }
    }

    @Test
    void replySubjectsAreNotValidatedAndUtf8SubjectsPassThrough() throws Exception {
        try (RawClient client = client(QUIET)) {
            client.send("SUB föö.a 1\r\nPUB föö.a r.* 1\r\nx\r\n");
            assertThat(client.linesUntilPong()).containsExactly("MSG föö.a 1 r.* 1", "x");
        }
    }

    @Test
    void aQueueGroupGetsEachMessageOnceWhilePlainSubscribersGetAll() throws Exception {
        try (RawClient members = client(QUIET); RawClient watcher = client(QUIET)) {
            members.send("SUB work.x g 1\r\nSUB work.x g 2\r\nSUB work.x g.* 3\r\n");
            watcher.send("SUB work.x 9\r\n");
            assertThat(members.linesUntilPong()).isEmpty();
            assertThat(watcher.linesUntilPong()).isEmpty();
            watcher.send("PUB work.x 1\r\na\r\nPUB work.x 1\r\nb\r\n");
            assertThat(watcher.linesUntilPong()).containsExactly("MSG work.x 9 1", "a", "MSG work.x 9 1", "b");
            // Two queue groups (g and g.*) each get both messages once.
            assertThat(members.linesUntilPong()).hasSize(8).filteredOn(line -> line.startsWith("MSG")).hasSize(4);
        }
    }

    @Test
    void anEmptyPayloadAndAConnectSentTwiceAreFine() throws Exception {
        try (RawClient client = client(QUIET)) {
            client.send("SUB e.x 1\r\nPUB e.x 0\r\n\r\nCONNECT {\"verbose\":true}\r\nPUB e.x 0\r\n\r\n");
            assertThat(client.linesUntilPong()).containsExactly("MSG e.x 1 0", "", "+OK", "+OK", "MSG e.x 1 0", "");
        }
    }
}
