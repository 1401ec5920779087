package io.jnatsd.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SmallPartsTest {

    @ParameterizedTest
    @CsvSource({"500ms,500000000", "30s,30000000000", "2m,120000000000", "1h30m,5400000000000", "-1.5s,-1500000000",
            ".5s,500000000", "1us,1000", "1µs,1000", "3ns,3", "0,0", "+2s,2000000000"})
    void go_durations_parse_like_go(String text, long nanos) {
        assertThat(GoDuration.parse(text)).isEqualTo(Duration.ofNanos(nanos));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"2 minutes|time: unknown unit \" minutes\" in duration \"2 minutes\"",
            "5|time: missing unit in duration \"5\"", "|time: invalid duration \"\"", "1.5.s|time: missing unit in duration \"1.5.s\"",
            "s|time: invalid duration \"s\""})
    void go_duration_errors_use_go_wording(String text, String message) {
        assertThatThrownBy(() -> GoDuration.parse(text == null ? "" : text)).hasMessage(message);
    }

    @ParameterizedTest
    @CsvSource({"30000,30s", "45000,45s", "120000,2m0s", "500,500ms", "5400000,1h30m0s", "1500,1.5s"})
    void durations_print_like_go(long millis, String text) {
        assertThat(GoDuration.format(Duration.ofMillis(millis))).isEqualTo(text);
    }

    @Test
    void startup_checks_catch_what_the_configuration_test_lets_through() {
        ConfigLoader.Result r = ConfigLoader.read(ConfigCorpus.root().resolve("valid/startup-only-errors.conf"), ConfigCorpus.environment());
        assertThat(StartupChecks.problems(r.options())).containsExactly(
                "max_payload (104857600) cannot be higher than max_pending (67108864)",
                "lame duck grace period (40s) should be strictly lower than lame duck duration (30s)",
                "unsupported compression mode \"zstd\"",
                "pool_size cannot be negative if pinned accounts are specified");
        assertThat(StartupChecks.problems(ServerOptions.defaults())).isEmpty();
    }

    @Test
    void the_check_fails_on_warnings_and_lists_warnings_before_errors() {
        Path file = ConfigCorpus.root().resolve("invalid/integer-duration-warning.conf");
        ConfigCheck.Result r = ConfigCheck.check(file, ConfigCorpus.environment());
        assertThat(r.valid()).isFalse();
        assertThat(r.errors()).isEmpty();
        assertThat(r.problems()).containsExactly(file + ":2:1: invalid use of field \"ping_interval\": "
                + "ping_interval should be converted to a duration");
    }

    @Test
    void the_check_ignores_notices_about_unsupported_options() {
        ConfigCheck.Result r = ConfigCheck.check(ConfigCorpus.root().resolve("valid/out-of-scope.conf"), ConfigCorpus.environment());
        assertThat(r.valid()).isTrue();
        assertThat(r.notices()).hasSize(1); // leafnodes, mappings, websocket and server_tags are read now; jetstream remains
    }

    @Test
    void the_full_example_of_the_contract_loads_the_values_nats_server_reports() {
        ServerOptions o = ConfigLoader.load(ConfigCorpus.root().resolve("valid/full-example.conf"), ConfigCorpus.environment());
        assertThat(o.serverName()).isEqualTo("cfgtest");
        assertThat(o.maxPayload()).isEqualTo(2097152);
        assertThat(o.maxControlLine()).isEqualTo(2048);
        assertThat(o.maxSubscriptions()).isEqualTo(1000);
        assertThat(o.pingInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(o.cluster().authTimeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(o.cluster().authPassword()).isEqualTo("s3cret");
        assertThat(o.cluster().routes()).hasSize(2);
        assertThat(o.cluster().poolSize()).isEqualTo(4);
        assertThat(o.cluster().compressionRttThresholds()).containsExactly(Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofMillis(100));
        assertThat(o.accounts()).extracting(AccountOptions::name).containsExactly("A", "B");
        assertThat(o.accounts().get(0).users().get(0).password()).startsWith("$2a$11$");
        assertThat(List.of(o.host(), o.port())).containsExactly("127.0.0.1", 15600);
    }
}
