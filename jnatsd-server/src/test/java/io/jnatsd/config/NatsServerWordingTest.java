package io.jnatsd.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code -t} prints after the server's name, to the character, for files whose wording,
 * position or verdict differed from nats-server 2.10.27's; each expected text is what
 * {@code nats-server -t -c t.conf} printed for the same file. Every file starts with
 * {@code listen: 127.0.0.1:-1} on line 1, so the positions are those of line 2.
 */
class NatsServerWordingTest {
    @TempDir
    Path dir;

    private String checked(String line2) {
        Path file;
        try {
            file = Files.writeString(dir.resolve("t.conf"), "listen: 127.0.0.1:-1\n" + line2 + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ConfigCheck.Result result = ConfigCheck.check(file, Map.of());
        assertThat(result.valid()).as(line2).isFalse();
        return result.report().replace(dir + "/", "");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        // a quoted string or key is placed after its opening quote
        "authorization { users: [ \"a\" ] }|t.conf:2:27: Expected user entry to be a map/struct, got a",
        "cluster { name: c, listen: 127.0.0.1:-1, routes: [\"127.0.0.1:1\"] }|t.conf:2:52: error parsing route url [\"127.0.0.1:1\"]",
        "'foo': 1|t.conf:2:2: unknown field \"foo\"",
        "tls { cert_file: \"a.pem\", key_file: \"a.key\", pinned_certs: [\"a\"] }"
                + "|t.conf:2:62: error parsing tls config, 'pinned_certs' key a does not look like hex-encoded sha256 of DER encoded SubjectPublicKeyInfo",
        // a map in an array is placed after its closing brace; a user entry's problems at its last key
        "authorization { users: [ {} ] }|t.conf:2:28: User entry requires a user",
        "authorization { users: [ {password: a } ] }|t.conf:2:27: User entry requires a user",
        // Go's %v of a number is the number
        "authorization { users: [ {user: a, password: a}, 5 ] }|t.conf:2:50: Expected user entry to be a map/struct, got 5",
        // problems nats-server reports without a position
        "authorization { users: [ {user: a, password: a, permissions: { publish: 5 } } ] }"
                + "|Expected subject permissions to be a subject, or array of subjects, got int64",
        "authorization { users: [ {user: a, password: a, permissions: { publish: \"foo..bar\" } } ] }"
                + "|subject \"foo..bar\" is not a valid subject",
        "gateway { name: A, listen: 127.0.0.1:-1, gateways: { name: B, url: \"nats://127.0.0.1:1\" } }"
                + "|Expected gateways field to be an array, got map[string]interface {}",
        // leaf node remotes
        "leafnodes { remotes: [ \"nats://127.0.0.1:1\" ] }|t.conf:2:25: Expected remote leafnode entry to be a map/struct, got nats://127.0.0.1:1",
        "leafnodes { remotes: [ { url: \"nats://127.0.0.1:1\", deny_imports: 5 } ] }"
                + "|t.conf:2:53: Expected subject permissions to be a subject, or array of subjects, got int64",
        // tls blocks
        "tls { cert_file: \"a.pem\", key_file: \"a.key\", curve_preferences: [\"bogus\"] }|t.conf:2:67: unrecognized curve preference bogus",
        "tls { cert_file: \"a.pem\", key_file: \"a.key\", curve_preferences: \"X25519\" }"
                + "|t.conf:2:46: interface conversion: interface {} is string, not []interface {}",
        "tls { cert_file: \"a.pem\", key_file: \"a.key\", cipher_suites: \"TLS_AES_128_GCM_SHA256\" }"
                + "|t.conf:2:46: interface conversion: interface {} is string, not []interface {}",
        "tls { cert_file: \"a.pem\", key_file: \"a.key\", min_version: 1.2 }|t.conf:2:46: error parsing tls config: 'min_version' wrong type: 1.2",
        "tls { cert_file: \"a.pem\", key_file: \"a.key\", min_version: \"1.1\" }"
                + "|t.conf:2:46: error parsing tls config: unsupported TLS version: TLS 1.1",
        // accounts
        "accounts { A { exports: [{stream: \"q\", response_type: stream }] } }|t.conf:2:40: Detected response directive on non-service",
        "accounts { A { users: [{user: a, password: a}] }, $G { } }|t.conf:2:51: \"$G\" is a Reserved Account",
    })
    void an_option_problem_is_worded_and_placed_as_nats_server_does_with_its_empty_line_after(String line2, String expected) {
        assertThat(checked(line2)).isEqualTo(expected + "\n");
    }

    @Test
    void a_syntax_or_variable_problem_has_no_empty_line_after_it() {
        assertThat(checked("max_payload: $NOPE_NOT_DEFINED")).isEqualTo("variable reference for 'NOPE_NOT_DEFINED' on line 2 can not be found");
    }

    @Test
    void warnings_alone_fail_the_check_with_the_empty_line() {
        assertThat(checked("leafnodes { remotes: [ { url: \"nats://u:p@127.0.0.1:1\" } ], reconnect: 5 }"))
                .isEqualTo("t.conf:2:61: invalid use of field \"reconnect\": reconnect should be converted to a duration\n");
    }

    @Test
    void an_empty_file_fails_the_check_with_a_warning_but_loads_with_the_defaults() throws IOException {
        Path empty = Files.writeString(dir.resolve("empty.conf"), "# nothing\n");
        ConfigLoader.Result result = ConfigLoader.read(empty, Map.of());
        assertThat(result.errors()).isEmpty();
        assertThat(result.warnings()).containsExactly(empty + ": config has no values or is empty");
        assertThat(result.options()).isNotNull();
        assertThat(ConfigCheck.check(empty, Map.of()).report()).isEqualTo(empty + ": config has no values or is empty\n");
    }

    /** nats-server refuses these when it starts, not under {@code -t}. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "cluster { name: c, listen: 127.0.0.1:-1, compression: { mode: s2_auto, rtt_thresholds: [\"10ms\", \"20ms\", \"30ms\", \"40ms\", \"50ms\"] } }"
                + "|compression mode \"s2_auto\" should have no more than 4 RTT thresholds: [10ms 20ms 30ms 40ms 50ms]",
        "cluster { name: c, listen: 127.0.0.1:-1, compression: { mode: s2_auto, rtt_thresholds: [\"30ms\", \"10ms\"] } }"
                + "|RTT threshold values [30ms 10ms] should be in ascending order",
        "cluster { name: c, listen: 127.0.0.1:-1, compression: { mode: s2_auto, rtt_thresholds: [\"10ms\", \"0ms\", \"5ms\"] } }"
                + "|RTT threshold values [10ms 0s 5ms] should be in ascending order",
        "leafnodes { listen: 127.0.0.1:-1, compression: { mode: s2_auto, rtt_thresholds: [\"30ms\", \"10ms\"] } }"
                + "|RTT threshold values [30ms 10ms] should be in ascending order",
    })
    void a_start_refuses_s2_auto_thresholds_as_nats_server_does(String line2, String expected) {
        assertThat(StartupChecks.problems(loaded(line2))).containsExactly(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "cluster { name: c, listen: 127.0.0.1:-1, compression: { mode: s2_auto, rtt_thresholds: [\"0ms\", \"10ms\", \"0ms\"] } }",
        "cluster { name: c, listen: 127.0.0.1:-1, compression: { mode: s2_auto, rtt_thresholds: [\"-1ms\", \"10ms\"] } }",
        "cluster { name: c, listen: 127.0.0.1:-1, compression: { mode: s2_fast, rtt_thresholds: [\"30ms\", \"10ms\", \"1ms\", \"2ms\", \"3ms\"] } }",
    })
    void a_start_takes_thresholds_nats_server_takes(String line2) {
        assertThat(StartupChecks.problems(loaded(line2))).isEmpty();
    }

    private ServerOptions loaded(String line2) {
        try {
            Path file = Files.writeString(dir.resolve("s.conf"), "listen: 127.0.0.1:-1\n" + line2 + "\n");
            return ConfigLoader.load(file, Map.of());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
