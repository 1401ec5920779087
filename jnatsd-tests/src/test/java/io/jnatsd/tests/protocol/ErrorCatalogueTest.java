package io.jnatsd.tests.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.jnatsd.JnatsdServer;
import io.jnatsd.config.AuthorizationOptions;
import io.jnatsd.config.Permissions;
import io.jnatsd.config.SubjectPermission;
import io.jnatsd.config.UserOptions;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Every row of CLIENT.md §11 that applies without TLS, JWT or clustering: the exact -ERR text,
 * and whether the connection is closed after it.
 */
class ErrorCatalogueTest {
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(3);
    private static final String QUIET = "{\"verbose\":false,\"pedantic\":false}";
    private JnatsdServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private int start(Consumer<JnatsdServer.Builder> options) throws InterruptedException {
        JnatsdServer.Builder builder = JnatsdServer.builder();
        options.accept(builder);
        server = builder.start();
        return server.port();
    }

    private int start() throws InterruptedException {
        return start(b -> { });
    }

    private static void assertErrorThenClose(RawClient client, String error) throws Exception {
        assertThat(client.readLine()).isEqualTo("-ERR '" + error + "'");
        assertThat(client.isClosedWithin(CLOSE_WAIT)).as("closed after -ERR '%s'", error).isTrue();
    }

    private static void assertErrorAndStillOpen(RawClient client, String error) throws Exception {
        assertThat(client.linesUntilPong()).containsExactly("-ERR '" + error + "'");
    }

    private static void assertClosedWithoutError(RawClient client) throws Exception {
        assertThat(client.isClosedWithin(CLOSE_WAIT)).isTrue();
        assertThat(client.collect(Duration.ZERO, Duration.ZERO).text()).isEmpty();
    }

    @Test
    void unknownVerbIsAnUnknownProtocolOperation() throws Exception {
        try (RawClient client = RawClient.connect(start())) {
            client.send("FOO bar\r\n");
            assertErrorThenClose(client, "Unknown Protocol Operation");
        }
    }

    @Test
    void badPayloadFramingIsAnUnknownProtocolOperation() throws Exception {
        try (RawClient client = RawClient.connect(start(), QUIET)) {
            client.send("PUB foo 2\r\nabc\r\n");
            assertErrorThenClose(client, "Unknown Protocol Operation");
        }
    }

    @Test
    void serverVerbsFromAClientAreUnknownProtocolOperations() throws Exception {
        int port = start();
        for (String verb : List.of("MSG foo 1 2\r\nhi\r\n", "RMSG $G foo 2\r\nhi\r\n", "RS+ $G foo\r\n")) {
            try (RawClient client = RawClient.connect(port, QUIET)) {
                client.send(verb);
                assertErrorThenClose(client, "Unknown Protocol Operation");
            }
        }
    }

    @Test
    void badCredentialsAreAnAuthorizationViolation() throws Exception {
        int port = start(b -> b.options().authorization(AuthorizationOptions.userPassword("u", "p")));
        try (RawClient client = RawClient.connect(port)) {
            client.send("CONNECT {\"verbose\":false,\"user\":\"u\",\"pass\":\"wrong\"}\r\n");
            assertErrorThenClose(client, "Authorization Violation");
        }
    }

    @Test
    void anythingButConnectFirstIsAnAuthorizationViolationWhenAuthIsRequired() throws Exception {
        int port = start(b -> b.options().authorization(AuthorizationOptions.userPassword("u", "p")));
        for (String first : List.of("PING\r\n", "SUB foo 1\r\n", "PUB foo 1\r\nx\r\n")) {
            try (RawClient client = RawClient.connect(port)) {
                client.send(first);
                assertErrorThenClose(client, "Authorization Violation");
            }
        }
    }

    @Test
    void anAccountInConnectIsAnAuthorizationViolation() throws Exception {
        try (RawClient client = RawClient.connect(start())) {
            client.send("CONNECT {\"verbose\":false,\"account\":\"A\"}\r\n");
            assertErrorThenClose(client, "Authorization Violation");
        }
    }

    @Test
    void noConnectWithinTheAuthTimeoutIsAnAuthenticationTimeout() throws Exception {
        AuthorizationOptions auth = new AuthorizationOptions("u", "p", null, List.of(), Duration.ofMillis(300), null);
        try (RawClient client = RawClient.connect(start(b -> b.options().authorization(auth)))) {
            assertErrorThenClose(client, "Authentication Timeout");
        }
    }

    @Test
    void aPayloadAboveMaxPayloadIsAViolationButExactlyMaxPayloadIsNot() throws Exception {
        int port = start(b -> b.options().maxPayload(16));
        try (RawClient client = RawClient.connect(port, QUIET)) {
            client.send("SUB s 1\r\nPUB s 16\r\n" + "x".repeat(16) + "\r\n");
            assertThat(client.linesUntilPong()).containsExactly("MSG s 1 16", "x".repeat(16));
            client.send("PUB s 17\r\n");
            assertErrorThenClose(client, "Maximum Payload Violation");
        }
    }

    @Test
    void argumentsAboveMaxControlLineAreRefused() throws Exception {
        int port = start(b -> b.options().maxControlLine(64));
        try (RawClient client = RawClient.connect(port, QUIET)) {
            client.send("SUB " + "a".repeat(62) + " 1\r\n");
            assertThat(client.linesUntilPong()).isEmpty();
            client.send("SUB " + "a".repeat(63) + " 1\r\n");
            assertErrorThenClose(client, "maximum control line exceeded");
        }
    }

    @Test
    void aConnectionBeyondMaxConnectionsGetsInfoThenTheError() throws Exception {
        int port = start(b -> b.options().maxConnections(1));
        try (RawClient first = RawClient.connect(port, QUIET); RawClient second = RawClient.open(port)) {
            assertThat(second.readLine()).startsWith("INFO {");
            assertErrorThenClose(second, "maximum connections exceeded");
            assertThat(first.linesUntilPong()).isEmpty();
        }
    }

    @Test
    void aSubscriptionBeyondMaxSubscriptionsIsRefusedAndTheConnectionStays() throws Exception {
        int port = start(b -> b.options().maxSubscriptions(2));
        try (RawClient client = RawClient.connect(port, QUIET)) {
            client.send("SUB a 1\r\nSUB b 2\r\nSUB c 3\r\n");
            assertErrorAndStillOpen(client, "maximum subscriptions exceeded");
            client.send("UNSUB 1\r\nSUB c 3\r\nPUB c 1\r\nx\r\n");
            assertThat(client.linesUntilPong()).containsExactly("MSG c 3 1", "x");
        }
    }

    @Test
    void permissionViolationsAreReportedAndTheConnectionStays() throws Exception {
        Permissions permissions = new Permissions(new SubjectPermission(List.of("ok.>"), List.of("ok.secret")),
                new SubjectPermission(List.of("ok.>"), List.of()), null);
        AuthorizationOptions auth = new AuthorizationOptions(null, null, null,
                List.of(new UserOptions("u", "p", permissions, null)), AuthorizationOptions.DEFAULT_TIMEOUT, null);
        int port = start(b -> b.options().authorization(auth));
        try (RawClient client = RawClient.connect(port, "{\"verbose\":false,\"user\":\"u\",\"pass\":\"p\"}")) {
            client.send("PUB ok.secret 1\r\nx\r\n");
            assertErrorAndStillOpen(client, "Permissions Violation for Publish to \"ok.secret\"");
            client.send("SUB zzz 1\r\n");
            assertErrorAndStillOpen(client, "Permissions Violation for Subscription to \"zzz\"");
            client.send("SUB zzz q 1\r\n");
            assertErrorAndStillOpen(client, "Permissions Violation for Subscription to \"zzz\" using queue \"q\"");
        }
    }

    @Test
    void reservedReplyPrefixesAreRefusedForAnyUser() throws Exception {
        int port = start();
        try (RawClient client = RawClient.connect(port, QUIET)) {
            for (String reply : List.of("_R_.abc", "$JS.ACK.x", "_GR_.y")) {
                client.send("PUB foo " + reply + " 1\r\nx\r\n");
                assertErrorAndStillOpen(client, "Permissions Violation for Publish with Reply of \"" + reply + "\"");
            }
        }
    }

    @Test
    void tooManyTokensInASubscriptionIsRefused() throws Exception {
        try (RawClient client = RawClient.connect(start(b -> b.options().maxSubTokens(3)), QUIET)) {
            client.send("SUB a.b.c 1\r\nSUB a.b.c.d 2\r\n");
            assertErrorAndStillOpen(client, "Permissions Violation for Subscription to \"a.b.c.d\", too many tokens");
        }
    }

    @Test
    void aMalformedSubscriptionSubjectIsInvalidAndTheConnectionStays() throws Exception {
        try (RawClient client = RawClient.connect(start(), QUIET)) {
            client.send("SUB foo.>.a 1\r\n");
            assertErrorAndStillOpen(client, "Invalid Subject");
        }
    }

    @Test
    void aPedanticWildcardPublishIsReportedButStillDelivered() throws Exception {
        try (RawClient client = RawClient.connect(start(), "{\"verbose\":false,\"pedantic\":true}")) {
            client.send("SUB p.> 1\r\nPUB p.* 1\r\nx\r\n");
            assertThat(client.linesUntilPong()).containsExactly("-ERR 'Invalid Publish Subject'", "MSG p.* 1 1", "x");
        }
    }

    @Test
    void aProtocolOtherThanZeroOrOneIsRefused() throws Exception {
        try (RawClient client = RawClient.connect(start())) {
            client.send("CONNECT {\"verbose\":false,\"protocol\":2}\r\n");
            assertErrorThenClose(client, "invalid client protocol");
        }
    }

    @Test
    void noRespondersWithoutHeadersIsRefused() throws Exception {
        try (RawClient client = RawClient.connect(start())) {
            client.send("CONNECT {\"verbose\":false,\"no_responders\":true}\r\n");
            assertErrorThenClose(client, "no responders requires headers support");
        }
    }

    @Test
    void unansweredServerPingsMakeTheConnectionStale() throws Exception {
        int port = start(b -> b.options().pingInterval(Duration.ofMillis(100)).pingMax(2));
        try (RawClient client = RawClient.connect(port, QUIET)) {
            assertThat(client.readLine()).isEqualTo("PING");
            assertThat(client.readLine()).isEqualTo("PING");
            assertErrorThenClose(client, "Stale Connection");
        }
    }

    @Test
    void someFailuresCloseWithoutAnyError() throws Exception {
        int port = start();
        for (String input : List.of("CONNECT {bad\r\n", "PUB foo\r\n", "PUB foo r 1 extra\r\n", "SUB foo q 1 x\r\n",
                "HPUB foo 12 12\r\nNATS/1.0\r\n\r\n\r\n", "-ERR 'bye'\r\n",
                // nats-server 2.10: a number or a bool where CONNECT has a string is a JSON error.
                "CONNECT {\"nkey\":true}\r\n", "CONNECT {\"version\":1}\r\n")) {
            try (RawClient client = RawClient.connect(port)) {
                client.send(input);
                assertClosedWithoutError(client);
            }
        }
    }
}
