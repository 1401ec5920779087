package io.jnatsd.config;

import io.jnatsd.JnatsdServer;
import io.jnatsd.config.UnsupportedOptions.Option;
import io.jnatsd.config.UnsupportedOptions.Scope;
import io.jnatsd.config.UnsupportedOptions.Treatment;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.jnatsd.config.UnsupportedOptions.Treatment.IGNORED;
import static io.jnatsd.config.UnsupportedOptions.Treatment.REFUSED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The sweep of every option jnatsd accepts but does not implement. The list below is the
 * classification reviewed against nats-server 2.10's meaning of each option: changing the table
 * without changing this list fails, and so does a reader that reports an option as ignored on its
 * own instead of through {@link UnsupportedOptions}. Each refused option fails {@code -t}, start-up
 * and the embedding API; each ignored one passes with a notice.
 */
class UnsupportedOptionsTest {
    private static final List<String> CLASSIFICATION = List.of(
            "SERVER resolver_tls REFUSED", "SERVER resolver_pinned_accounts REFUSED",

            "SERVER ocsp REFUSED", "SERVER ocsp_cache IGNORED",
            "SERVER jetstream IGNORED", "SERVER store_dir IGNORED", "SERVER storedir IGNORED",
            "SERVER default_js_domain IGNORED",
            "SERVER mqtt IGNORED",
            "SERVER prof_port IGNORED", "SERVER prof_block_rate IGNORED",
            "SERVER disable_sublist_cache IGNORED", "SERVER no_sublist_cache IGNORED",
            "SERVER no_fast_producer_stall IGNORED",
            "AUTHORIZATION auth_callout REFUSED",
            "ACCOUNT nkey REFUSED", "ACCOUNT jetstream IGNORED",
            "EXPORT account_token_position REFUSED", "EXPORT latency IGNORED",
            "TLS ocsp_peer REFUSED", "TLS verify_cert_and_check_known_urls REFUSED",
            "TLS cert_store REFUSED", "TLS cert_match_by REFUSED",
            "TLS cert_match REFUSED", "TLS cert_match_skip_invalid REFUSED", "TLS ca_certs_match REFUSED",
            "TLS certs REFUSED",
            "LEAF_REMOTE first_info_timeout IGNORED",
            "LEAF_REMOTE js_cluster_migrate IGNORED",
            "GATEWAY_AUTHORIZATION permissions REFUSED", "GATEWAY_AUTHORIZATION default_permissions REFUSED",
            "GATEWAY_AUTHORIZATION default_permission REFUSED", "GATEWAY_TLS verify_and_map REFUSED");

    /** Where each scope's option is written; %s is "key: value". */
    private static final Map<Scope, String> PLACES = Map.ofEntries(
            Map.entry(Scope.SERVER, "%s\n"),
            Map.entry(Scope.AUTHORIZATION, "authorization { %s }\n"),
            Map.entry(Scope.USER, "authorization { users: [ { user: u, password: p, %s } ] }\n"),
            Map.entry(Scope.ACCOUNT, "accounts { A { %s } }\n"),
            Map.entry(Scope.EXPORT, "accounts { A { exports: [ { service: \"s.*\", %s } ] } }\n"),
            Map.entry(Scope.IMPORT, "accounts { A { exports: [ { service: s } ] }, B { imports: [ { service: { account: A, "
                    + "subject: s }, %s } ] } }\n"),
            Map.entry(Scope.TLS, "tls { %s }\n"),
            Map.entry(Scope.LEAFNODES, "leafnodes { port: -1, %s }\n"),
            Map.entry(Scope.LEAFNODE_AUTHORIZATION, "leafnodes { port: -1, authorization { %s } }\n"),
            Map.entry(Scope.LEAF_REMOTE, "leafnodes { remotes: [ { url: \"nats://127.0.0.1:7422\", %s } ] }\n"),
            Map.entry(Scope.GATEWAY_AUTHORIZATION, "gateway { name: A, port: -1, authorization { user: u, password: p, "
                    + "%s } }\n"),
            Map.entry(Scope.GATEWAY_TLS, "gateway { name: A, port: -1, tls { %s } }\n"));

    /** A value that asks for the restriction (a plain string for the rest). */
    private static final Map<String, String> RESTRICTING_VALUES = Map.ofEntries(
            Map.entry("ocsp", "{ mode: always }"),
            Map.entry("ocsp_peer", "true"),
            Map.entry("verify_cert_and_check_known_urls", "true"),
            Map.entry("cert_match_skip_invalid", "true"),
            Map.entry("verify_and_map", "true"),
            Map.entry("jetstream", "enabled"),
            Map.entry("permissions", "{ publish: \"x\" }"),
            Map.entry("default_permissions", "{ publish: \"x\" }"),
            Map.entry("default_permission", "{ publish: \"x\" }"));

    @TempDir
    Path dir;

    @Test
    void the_table_holds_exactly_the_reviewed_classification() {
        List<String> table = new ArrayList<>();
        for (Option option : UnsupportedOptions.all()) {
            option.names().forEach(name -> table.add(option.scope() + " " + name + " " + option.treatment()));
        }
        assertThat(table).containsExactlyInAnyOrderElementsOf(CLASSIFICATION);
    }

    @TestFactory
    Stream<DynamicTest> every_refused_option_fails_the_check_start_up_and_the_embedding_api() {
        return rows(REFUSED).map(row -> DynamicTest.dynamicTest(row, () -> {
            Path file = configWith(row);
            String key = row.split(" ")[1];
            ConfigCheck.Result check = ConfigCheck.check(file, Map.of());
            assertThat(check.valid()).as("-t verdict").isFalse();
            assertThat(check.errors()).as("-t errors").anySatisfy(e -> assertThat(e)
                    .matches("(?s).*test\\.conf:\\d+:\\d+: \"" + key + "\" is not supported by jnatsd \\(.+\\): "
                            + "refusing the configuration rather than running without this restriction"));
            assertThatThrownBy(() -> ConfigLoader.load(file, Map.of())).as("start-up")
                    .isInstanceOf(ConfigException.class).hasMessageContaining("\"" + key + "\" is not supported");
            assertThatThrownBy(() -> JnatsdServer.builder().config(file)).as("embedding")
                    .isInstanceOf(ConfigException.class).hasMessageContaining("\"" + key + "\" is not supported");
        }));
    }

    @TestFactory
    Stream<DynamicTest> every_ignored_option_passes_the_check_with_a_notice() {
        return rows(IGNORED).map(row -> DynamicTest.dynamicTest(row, () -> {
            String key = row.split(" ")[1];
            ConfigCheck.Result check = ConfigCheck.check(configWith(row), Map.of());
            assertThat(check.problems()).isEmpty();
            assertThat(check.valid()).isTrue();
            assertThat(check.notices()).anySatisfy(n -> assertThat(n)
                    .contains("\"" + key + "\" is accepted but not supported by jnatsd ("));
        }));
    }

    @Test
    void refused_options_with_values_that_restrict_nothing_are_ignored() {
        for (String harmless : List.of("ocsp: true", "ocsp: false", "ocsp { mode: auto }",
                "ocsp { mode: never }", "tls { ocsp_peer: false }", "tls { verify_cert_and_check_known_urls: false }")) {
            ConfigCheck.Result check = ConfigCheck.check(write(harmless), Map.of());
            assertThat(check.valid()).as(harmless).isTrue();
            assertThat(check.notices()).as(harmless).singleElement().asString().contains("is accepted but not supported");
        }
        assertThat(ConfigCheck.check(write("ocsp { mode: must }"), Map.of()).valid()).isFalse();
    }

    @Test
    void no_reader_reports_an_option_as_ignored_outside_the_table() throws IOException {
        Path sources = Path.of("src/main/java/io/jnatsd/config");
        List<String> offenders = new ArrayList<>();
        try (Stream<Path> files = Files.list(sources)) {
            for (Path file : files.filter(f -> !f.endsWith("UnsupportedOptions.java")
                    && !f.endsWith("ConfigReport.java")).toList()) {
                List<String> lines = Files.readAllLines(file);
                for (int i = 0; i < lines.size(); i++) {
                    String line = lines.get(i);
                    boolean notice = line.contains(".notice(")
                            && !line.contains("cluster block without a listen port"); // not an option: a whole block off
                    if (notice || line.contains(".ignored(") || line.contains("accepted but not supported")) {
                        offenders.add(file.getFileName() + ":" + (i + 1) + ": " + line.trim());
                    }
                }
            }
        }
        assertThat(offenders).as("options must be classified in UnsupportedOptions").isEmpty();
    }

    private static Stream<String> rows(Treatment treatment) {
        return CLASSIFICATION.stream().filter(row -> row.endsWith(" " + treatment));
    }

    private Path configWith(String row) {
        String[] parts = row.split(" ");
        Scope scope = Scope.valueOf(parts[0]);
        String key = parts[1];
        String option = key + ": " + RESTRICTING_VALUES.getOrDefault(key, "x");
        return write(String.format(PLACES.get(scope), option));
    }

    private Path write(String text) {
        try {
            return Files.writeString(dir.resolve("test.conf"), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
