package io.jnatsd.tests.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jnatsd.JnatsdServer;
import io.jnatsd.config.AuthorizationOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sends the same raw bytes to jnatsd and to nats-server 2.10 and requires the same answer: the
 * INFO line's field names, then every other byte, whether the server closed the connection, and
 * whether that close was a reset (nats-server's socket closed with input it had not read yet).
 * Skipped when {@code NATS_SERVER_210} does not name a nats-server binary.
 */
class DifferentialProtocolTest {
    private static final String SENTINEL = "PING\r\n";
    private static final Duration QUIET_TIME = Duration.ofMillis(300);
    /** Below nats-server's first server PING (2 s after connect), so it never lands in a transcript. */
    private static final Duration MAX_TIME = Duration.ofMillis(1500);
    private static final Pattern PING_LINE = Pattern.compile("(?im)^ping");

    @TempDir
    static Path workDirectory;
    private static final List<AutoCloseable> running = new ArrayList<>();
    private static final java.util.Map<Profile, int[]> ports = new java.util.EnumMap<>(Profile.class);

    /** Server configurations a script can run against, on both servers alike. */
    enum Profile {
        DEFAULT(null, new String[0], b -> { }),
        AUTH(null, new String[] {"--user", "u", "--pass", "p"},
                b -> b.options().authorization(AuthorizationOptions.userPassword("u", "p"))),
        LIMITS("max_payload: 16\nmax_subscriptions: 2\nmax_control_line: 64\n", new String[0],
                b -> b.options().maxPayload(16).maxSubscriptions(2).maxControlLine(64));

        final String goConfig;
        final String[] goArguments;
        final Consumer<JnatsdServer.Builder> jnatsdOptions;

        Profile(String goConfig, String[] goArguments, Consumer<JnatsdServer.Builder> jnatsdOptions) {
            this.goConfig = goConfig;
            this.goArguments = goArguments;
            this.jnatsdOptions = jnatsdOptions;
        }
    }

    /** One input: {@code asIs} scripts are sent without the trailing PING that ends a transcript early. */
    record Script(String name, Profile profile, String input, boolean asIs) {
        @Override
        public String toString() {
            return profile + ": " + name;
        }
    }

    @BeforeAll
    static void startServers() throws Exception {
        String binary = referenceBinary();
        if (binary == null) {
            return;
        }
        for (Profile profile : Profile.values()) {
            GoServerProcess go = GoServerProcess.start(binary, workDirectory, profile.goConfig, profile.goArguments);
            running.add(go);
            JnatsdServer.Builder builder = JnatsdServer.builder();
            profile.jnatsdOptions.accept(builder);
            JnatsdServer jnatsd = builder.start();
            running.add(jnatsd);
            // The first connection pays for class loading; keep that out of the timed transcripts.
            RawClient.connect(jnatsd.port()).close();
            ports.put(profile, new int[] {go.port(), jnatsd.port()});
        }
    }

    @AfterAll
    static void stopServers() throws Exception {
        for (AutoCloseable server : running) {
            server.close();
        }
        running.clear();
    }

    private static String referenceBinary() {
        String binary = System.getenv("NATS_SERVER_210");
        return binary == null || binary.isBlank() ? null : binary;
    }

    @TestFactory
    Stream<DynamicTest> bothServersAnswerEveryScriptIdentically() {
        if (referenceBinary() == null) {
            // A skipped test of its own, so that build reports show the reason.
            return Stream.of(DynamicTest.dynamicTest("reference nats-server 2.10", () -> Assumptions.abort(
                    "NATS_SERVER_210 is not set: no reference nats-server to compare with")));
        }
        return DifferentialScripts.all().stream()
                .map(script -> DynamicTest.dynamicTest(script.toString(), () -> compare(script)));
    }

    private static void compare(Script script) throws Exception {
        int[] pair = ports.get(script.profile());
        CompletableFuture<Outcome> goOutcome = CompletableFuture.supplyAsync(() -> run(pair[0], script));
        Outcome jnatsdOutcome = run(pair[1], script);
        RawClient.Transcript jnatsd = jnatsdOutcome.transcript();
        RawClient.Transcript reference = goOutcome.get().transcript();
        String[] expected = splitInfo(reference.text());
        String[] actual = splitInfo(jnatsd.text());
        assertThat(actual[0]).as(script + ": INFO field names").isEqualTo(expected[0]);
        assertThat(visible(actual[1])).as(script + ": bytes after INFO").isEqualTo(visible(expected[1]));
        assertThat(jnatsd.closed()).as(script + ": connection closed").isEqualTo(reference.closed());
        assertThat(jnatsdOutcome.reset()).as(script + ": closed with a reset").isEqualTo(goOutcome.get().reset());
    }

    /** What a script got, and whether the connection ended in a reset. */
    private record Outcome(RawClient.Transcript transcript, boolean reset) {
    }

    private static Outcome run(int port, Script script) {
        String input = script.asIs() ? script.input() : script.input() + SENTINEL;
        int expectedPongs = script.asIs() ? -1 : countPings(input);
        try (RawClient client = RawClient.open(port)) {
            client.send(input.getBytes(StandardCharsets.UTF_8));
            RawClient.Transcript transcript = collect(client, expectedPongs);
            return new Outcome(transcript, client.wasReset());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Reads until close or quiet, stopping early once every PING sent has its PONG. */
    private static RawClient.Transcript collect(RawClient client, int expectedPongs) throws java.io.IOException {
        java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
        long deadline = System.nanoTime() + MAX_TIME.toNanos();
        while (System.nanoTime() < deadline) {
            RawClient.Transcript part = client.collect(Duration.ofMillis(20), Duration.ofMillis(20));
            all.writeBytes(part.bytes());
            if (part.closed()) {
                return new RawClient.Transcript(all.toByteArray(), true);
            }
            String text = all.toString(StandardCharsets.UTF_8);
            if (expectedPongs > 0 && text.endsWith("PONG\r\n") && count(text, "PONG\r\n") >= expectedPongs) {
                return new RawClient.Transcript(all.toByteArray(), false);
            }
            if (part.bytes().length == 0 && quietFor(client, all)) {
                return new RawClient.Transcript(all.toByteArray(), client.isClosedWithin(Duration.ZERO));
            }
        }
        return new RawClient.Transcript(all.toByteArray(), false);
    }

    private static boolean quietFor(RawClient client, java.io.ByteArrayOutputStream all) throws java.io.IOException {
        RawClient.Transcript rest = client.collect(QUIET_TIME, QUIET_TIME);
        all.writeBytes(rest.bytes());
        return rest.bytes().length == 0 || rest.closed();
    }

    private static int countPings(String input) {
        Matcher m = PING_LINE.matcher(input);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }

    /** [INFO field names, everything after the INFO line]. */
    private static String[] splitInfo(String text) throws Exception {
        if (!text.startsWith("INFO ")) {
            return new String[] {"(no INFO)", text};
        }
        int end = text.indexOf("\r\n");
        String line = text.substring(5, end);
        List<String> names = new ArrayList<>();
        JsonNode info = new ObjectMapper().readTree(line);
        for (Iterator<String> it = info.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        String ending = line.endsWith("} ") ? " (ends with \"} \")" : " (no space before CRLF)";
        return new String[] {names + ending, text.substring(end + 2)};
    }

    /** CR and LF made visible so a failure shows exactly where the bytes differ. */
    private static String visible(String s) {
        return s.replace("\r", "\\r").replace("\n", "\\n\n");
    }
}
