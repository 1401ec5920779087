package io.jnatsd.tests.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.jnatsd.config.ConfigCheck;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code -t} on the same file, side by side: what nats-server 2.10.27 prints after its name and
 * what jnatsd's check reports must be the same text, for files that do not read as a
 * configuration at all (each way nats-server's reader can stop, and its quirks: a key left
 * without a value, a lone opening quote at the end, a NUL character) and for fields whose names
 * need Go's quoting. nats-server reports several option errors in Go's random map order, so
 * lines are compared as a set.
 */
class ConfigCheckInteropTest {
    /** Each a whole file, exactly as written (no newline added). */
    private static final List<String> FILES = List.of(
            "port: [1 }\n", "a { b: 1\n", "a { b: 1", "port: \"x\n", "x: [1, 2\n", "x: [1, 2", "include\n",
            "include [\n", "include 5\n", "a { include\n", "include \"abc", "include 'abc", "\"abc\n", "'abc\n",
            "a: \"abc\\q\"\n", "a: \"\\xZZ\"\n", "a: \"\\x4", "a: .5\n", "a: -.5\n", "a: -x\n", "a: 1.x\n",
            "a: 12-01-01\n", "a: 2020-0x\n", "a: 2020-01-01X00\n", "x: 2020-13-01T00:00:00Z\n", "a: [,]\n",
            "a: [1,,2]\n", "a { , }\n", "a { b: 1,, }\n", "a { b: 1 c }\n", "a { ]\n", "a { : 1 }\n", ": 1\n",
            "a: 1 b\n", "a: 1 }x\n", "a: [1 2]\n", "a: [1; 2]\n", "a {\n b: 1\n\n", "a: (\nabc\n", "a b c d\n",
            "/\n", "a { / }\n", "a: [ / ]\n", "a { b: 1 / c: 2 }\n", "a: x\\\n", "a: 1e999\n",
            "x: 99999999999999999999\n", "a: { \"b\": 1 \"c\": 2 }\n", "a {\n'b\n}\n", "a {\n\"b\n}\n", "a:\n",
            "a\n", "a", "a: 1;;\n", "a { b { c: 1 }\n", "a: [{b: 1]\n", "a { b }\n", "x { a { b } }\n",
            "a { b: }\n", "{ a: 1 x\n", "{\n", "a {\nb: 1\n]\n", "a: [\n]\n]\n", "port: 4222\na: [\"",
            "port: 4222\na { b: \"", "port: 4222\n\"", "port: 4222\na: \"", "port: 1 # c\0\n", "port: 1\n\0",
            "a { b: \"\0\" }\n", "include \"a\0b\"\n", "port: 1\0port: 2", "a: x\0y", "bl\\ock: 1\n",
            "authorization { permissions { pu\\b: x } }\n", "tls { ce\\rt: x }\n", "accounts { A { us\\ers: [] } }\n",
            "cluster { na\\me: a }\n", "listen: \"1.2.3.4:8\\\"22\"\n", "listen: \"127.0.0.1:82]22\"\n",
            "authorization { users: [ {usr: a} ], timout: 1 }\n", // one key: nats-server places the entry's problem at a random one
            "mappings { \"m.a\": [ { destination: \".b\", weight: 50% }, { destination: \"m.c\", weight: 50% } ] }\n",
            "mappings { \"m.a\": \".b\" }\n", "mappings { \"m..a\": \"b\" }\n", "mappings { \"a.>\": \"b\" }\n",
            "mappings { \"m.a\": [ { destination: \"b\" } ] }\n", "mappings { \"m.a\": [ 5 ] }\n",
            "mappings { \"m.a\": { destination: \".b\" } }\n", "mappings { \"m.*\": \"b.$2\" }\n",
            "accounts {\n  A { exports: [ { stream: \"x\", accounts: [Z] } ] }\n}\n",
            "accounts {\n  A { }\n  B { imports: [ { service: { account: A, subject: \"x\" } } ] }\n}\n",
            "accounts {\n  B { imports: [ { stream: { account: A, subjct: \"x\" } } ] }\n}\n",
            "accounts {\n  B { jetstream: nabled }\n}\n", "accounts {\n  B { jetstream: 5 }\n}\n", "jetstream: nabled\n",
            "gateway { name: A, port: -1, gateways: [ { name: B, urls: [\"nats://127.0.0.1:)7223\"] } ] }\n",
            "a {\n  / b: 1\n}\n", "cluster {\n  listen: 127.0./0.1:6222\n}\n",
            "lame_duck_duration: \"3\n0s\"\n", "cluster { compression: { mode: s2_auto, rtt_thresholds: [10ms, \"5\\\"ms\"] } }\n",
            "mappings { \"a\\\\b..c\": d }\n",
            "accounts {\n  A { exports: [ { stream: \"x\" } ] }\n  B { imports: [ { stream: { account: A, subject: \"y\\\\z\" } } ] }\n}\n",
            // (not the authorization block against the accounts: nats-server's verdict there depends on its map order)
            "accounts {\n  A { users: [ {user: x, password: y}, {user: x, password: z} ] }\n}\n",
            "include ./does-not-exist.conf\n");

    @TempDir
    Path dir;

    @TestFactory
    Stream<DynamicTest> a_file_is_checked_as_nats_server_checks_it() throws IOException {
        String go = GoServer.binary("NATS_SERVER_210");
        List<DynamicTest> tests = new ArrayList<>();
        for (int i = 0; i < FILES.size(); i++) {
            Path file = dir.resolve("f" + i + ".conf");
            Files.writeString(file, FILES.get(i));
            String shown = FILES.get(i).replace("\n", "\\n").replace("\0", "\\0");
            tests.add(DynamicTest.dynamicTest(shown, () -> {
                ReportLines expected = ReportLines.of(natsServerCheck(go, file));
                ConfigCheck.Result result = ConfigCheck.check(file, Map.of());
                ReportLines actual = ReportLines.of(result.valid() ? "configuration file " + file + " is valid" : result.report());
                assertThat(actual.lines).as("%s", shown).isEqualTo(expected.lines);
            }));
        }
        return tests.stream();
    }

    /** What {@code nats-server -t -c file} prints after its name. */
    private static String natsServerCheck(String binary, Path file) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(binary, "-t", "-c", file.toString()).redirectErrorStream(true).start();
        byte[] out = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
        return new String(out, StandardCharsets.UTF_8).replaceFirst("^nats-server: ", "");
    }

    /** Report lines without the empty ones, sorted: nats-server's order of option errors is random. */
    private record ReportLines(List<String> lines) {
        static ReportLines of(String text) {
            return new ReportLines(Arrays.stream(text.split("\n")).map(String::strip).filter(l -> !l.isEmpty()).sorted().toList());
        }
    }
}
