package io.jnatsd.tests.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jnatsd.JnatsdServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Mutated client traffic (CONNECT, PUB, HPUB, SUB, UNSUB, PING and their arguments) against the
 * client port: the server stays up, a bystander pair keeps getting its messages, every fuzz
 * connection is gone afterwards, and nothing logs a stack trace or a buffer leak.
 */
class ClientPortFuzzTest {
    private static final String CONNECT = "CONNECT {\"verbose\":false,\"pedantic\":false,\"name\":\"fuzz\",\"lang\":\"java\","
            + "\"version\":\"1.0\",\"protocol\":1,\"headers\":true,\"no_responders\":true}\r\n";

    static final List<byte[]> SEEDS = List.of(
            bytes(CONNECT + "PING\r\n"),
            bytes(CONNECT + "SUB fuzz.> 1\r\nSUB fuzz.q workers 2\r\nPUB fuzz.a 5\r\nhello\r\nPING\r\n"),
            bytes(CONNECT + "SUB fuzz.a 1\r\nHPUB fuzz.a reply.1 22 27\r\nNATS/1.0\r\nA: b\r\n\r\nhello\r\nPING\r\n"),
            bytes(CONNECT + "SUB fuzz.a 7\r\nUNSUB 7 10\r\nPUB fuzz.a reply 0\r\n\r\nUNSUB 7\r\nPING\r\n"),
            bytes(CONNECT.replace("\"verbose\":false,\"pedantic\":false", "\"verbose\":true,\"pedantic\":true")
                    + "SUB fuzz.* 1\r\nPUB fuzz.b 3\r\nabc\r\nPING\r\nPONG\r\n"),
            bytes("PING\r\nCONNECT {}\r\nSUB a 1\r\nPUB a 1\r\nx\r\n"),
            bytes(CONNECT + "SUB _INBOX.x 1\r\nPUB svc _INBOX.x 2\r\nhi\r\nHPUB svc 12 12\r\nNATS/1.0\r\n\r\n\r\n"));

    @Test
    void mutatedClientTrafficHurtsNoOtherClient() throws Exception {
        FuzzSettings settings = FuzzSettings.forTest(20261104L);
        try (LogWatch log = new LogWatch();
             JnatsdServer server = JnatsdServer.builder().start();
             Bystander bystander = new Bystander(server.clientUrl(), server.clientUrl())) {

            int inputs = FuzzRun.run(settings, server.port(), SEEDS, bystander::roundTrip);

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(server.server().clients()).as("client connections left after " + inputs + " inputs")
                            .hasSize(2));
            assertThat(log.problems()).as("stack traces or leaks logged (seed %d)", settings.seed()).isEmpty();
            assertThat(log.quietErrors()).as("connections closed by an internal exception (seed %d)", settings.seed())
                    .isEmpty();
        }
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
