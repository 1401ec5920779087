package io.jnatsd.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code leafnodes {}} block with nats-server 2.10.27's {@code -t} verdicts (LEAFNODES.md §2.3, re-checked). */
class LeafNodeReaderTest {
    @TempDir
    Path dir;

    private Path write(String text) {
        try {
            return Files.writeString(dir.resolve("test.conf"), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ConfigCheck.Result check(String text) {
        return ConfigCheck.check(write(text), Map.of());
    }

    private String error(String text) {
        ConfigCheck.Result result = check(text);
        assertThat(result.valid()).as(text).isFalse();
        return result.errors().get(0).substring(dir.resolve("test.conf").toString().length() + 1);
    }

    @Test
    void an_integer_reconnect_is_seconds_with_nats_servers_warning_which_fails_only_the_check() {
        ConfigCheck.Result result = check("leafnodes { port: 7422, reconnect: 5 }");
        assertThat(result.errors()).isEmpty();
        assertThat(result.warnings()).singleElement().asString()
                .endsWith("1:24: invalid use of field \"reconnect\": reconnect should be converted to a duration");
        assertThat(result.valid()).isFalse();
    }

    @Test
    void a_full_block_is_read() throws Exception {
        ServerOptions options = ConfigLoader.load(write("""
                accounts { HUBACC { users: [{user: a, password: b}] }, LACC {} }
                leafnodes {
                  listen: 127.0.0.1:7500
                  advertise: "10.0.0.1:7600"
                  no_advertise: true
                  reconnect: "2s"
                  compression: off
                  authorization { users: [ {user: leafu, password: lp, account: HUBACC}, {user: x, password: y} ], timeout: 0.5 }
                  remotes: [ { urls: ["nats-leaf://u:p@127.0.0.1:7422", "nats://127.0.0.1:7423"], account: LACC,
                               no_randomize: true, compression: "off", hub: false } ]
                }
                """), Map.of());
        LeafNodeOptions leaf = options.leafnodes();
        assertThat(leaf.host()).isEqualTo("127.0.0.1");
        assertThat(leaf.port()).isEqualTo(7500);
        assertThat(leaf.advertise()).isEqualTo("10.0.0.1:7600");
        assertThat(leaf.noAdvertise()).isTrue();
        assertThat(leaf.reconnect()).isEqualTo(Duration.ofSeconds(2));
        assertThat(leaf.authTimeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(leaf.users()).containsExactly(new LeafNodeOptions.LeafUser("leafu", "lp", "HUBACC"),
                new LeafNodeOptions.LeafUser("x", "y", null));
        assertThat(leaf.remotes()).singleElement().satisfies(r -> {
            assertThat(r.urls()).hasSize(2);
            assertThat(r.localAccount()).isEqualTo("LACC");
            assertThat(r.noRandomize()).isTrue();
            assertThat(r.hub()).isFalse();
        });
        assertThat(options.leafnodesEnabled()).isTrue();
    }

    @Test
    void a_single_user_binds_to_its_account_and_an_empty_block_enables_nothing() throws Exception {
        ServerOptions options = ConfigLoader.load(write("accounts { A {} }\n"
                + "leafnodes { port: -1, authorization { user: c, password: d, account: A, timeout: 0.5 } }"), Map.of());
        assertThat(options.leafnodes().users()).containsExactly(new LeafNodeOptions.LeafUser("c", "d", "A"));
        assertThat(ConfigLoader.load(write("leafnodes {}"), Map.of()).leafnodesEnabled()).isFalse();
    }

    @Test
    void errors_read_as_nats_server_writes_them() {
        assertThat(error("leafnodes { port: 7422, authorization { token: abc } }")).isEqualTo("1:40: unknown field \"token\"");
        assertThat(error("leafnodes { port: 7422, authorization { user: a, password: b, users: [{user: c, password: d}] } }"))
                .isEqualTo("1:24: can not have a single user/pass and a users array");
        assertThat(error("leafnodes { port: 7422, authorization { users: [{user: c, password: d}, {user: c, password: e}] } }"))
                .isEqualTo("1:24: duplicate user \"c\" detected in leafnode authorization");
        assertThat(error("leafnodes { port: 7422, foo: 1 }")).isEqualTo("1:24: unknown field \"foo\"");
        assertThat(error("leafnodes { remotes: [{url: \"nats://x:1\", bar: 1}] }")).isEqualTo("1:42: unknown field \"bar\"");
        assertThat(error("leafnodes { remotes: {url: \"nats://x:1\"} }"))
                .isEqualTo("1:12: Expected remotes field to be an array, got map[string]interface {}");
        assertThat(error("leafnodes { remotes: [{url: \"nats-leaf://127.0.0.1:notaport\"}] }"))
                .isEqualTo("1:23: error parsing leafnode url [\"nats-leaf://127.0.0.1:notaport\"]");
        assertThat(error("leafnodes { port: 7422, authorization { users: [{user: c, password: d, permissions: {}}] } }"))
                .isEqualTo("1:71: unknown field \"permissions\"");
        assertThat(error("leafnodes { port: \"abc\" }"))
                .isEqualTo("1:12: interface conversion: interface {} is string, not int64");
    }

    @Test
    void unknown_accounts_pass_the_check_but_stop_the_start() {
        assertThat(check("leafnodes { port: 7422, authorization { users: [{user: c, password: d, account: NOPE}] } }")
                .valid()).isTrue();
        assertThat(StartupChecks.problems(ServerOptions.builder().leafnodes(new LeafNodeOptions("0.0.0.0", 7422, null,
                false, java.util.List.of(new LeafNodeOptions.LeafUser("c", "d", "NOPE")), LeafNodeOptions.DEFAULT_AUTH_TIMEOUT,
                LeafNodeOptions.DEFAULT_RECONNECT, java.util.List.of(new LeafNodeOptions.Remote(java.util.List.of(),
                "NOPE2", false)))).build()))
                .contains("cannot find local account \"NOPE\" specified in leafnode authorization",
                        "cannot find local account \"NOPE2\" specified in leafnode remote");
    }

    @Test
    void a_leaf_listener_beside_a_gateway_needs_a_configured_system_account_as_in_nats_server() throws Exception {
        String both = "gateway { name: C, port: -1 }\nleafnodes { port: -1 }\n";
        String problem = "leaf nodes and gateways (both being defined) require a system account to also be configured";
        assertThat(check(both).valid()).isTrue();
        assertThat(StartupChecks.problems(ConfigLoader.load(write(both), Map.of()))).contains(problem);
        assertThat(StartupChecks.problems(ConfigLoader.load(write(both + "system_account: S\naccounts { S {} }\n"),
                Map.of()))).isEmpty();
        // remotes alone open no listener: nats-server lets that pass
        assertThat(StartupChecks.problems(ConfigLoader.load(write("gateway { name: C, port: -1 }\n"
                + "leafnodes { remotes: [{url: \"nats://127.0.0.1:1\"}] }\n"), Map.of()))).isEmpty();
    }

    @Test
    void a_named_system_account_must_be_defined_even_if_it_is_the_default_name() throws Exception {
        assertThat(StartupChecks.problems(ConfigLoader.load(write("system_account: \"$SYS\"\n"), Map.of())))
                .containsExactly("error resolving system account: account missing");
        assertThat(StartupChecks.problems(ConfigLoader.load(write("system_account: NOPE\naccounts { A {} }\n"),
                Map.of()))).containsExactly("error resolving system account: account missing");
        assertThat(StartupChecks.problems(ConfigLoader.load(write("system_account: A\naccounts { A {} }\n"),
                Map.of()))).isEmpty();
        assertThat(StartupChecks.problems(ConfigLoader.load(write("port: 4222\n"), Map.of()))).isEmpty();
    }

    @Test
    void what_jnatsd_cannot_honour_is_refused_and_harmless_values_are_not() {
        assertThat(check("leafnodes { remotes: [{url: \"ws://127.0.0.1:1\", ws_compression: true, ws_no_masking: true}] }")
                .valid()).isTrue();
        // as nats-server: -t passes a remote mixing websocket and other URLs, the start refuses it
        ServerOptions mixed = ConfigLoader.load(write("leafnodes { remotes: [{urls: [\"ws://u:p@127.0.0.1:1\", "
                + "\"nats-leaf://127.0.0.1:2\"]}] }"));
        assertThat(StartupChecks.problems(mixed)).contains("remote leaf node configuration cannot have a mix of "
                + "websocket and non-websocket urls: [\"ws://u:xxxxx@127.0.0.1:1\" \"nats-leaf://127.0.0.1:2\"]");
        assertThat(check("leafnodes { remotes: [{url: \"nats://127.0.0.1:1\", hub: true}] }").valid()).isTrue();
        // unquoted off is a boolean, and nats-server 2.10.27 wants a string there
        assertThat(error("leafnodes { port: 7422, compression: {mode: off} }"))
                .isEqualTo("1:38: interface conversion: interface {} is bool, not string");
    }

    @Test
    void tls_compression_and_credentials_are_read_as_nats_server_reads_them() throws Exception {
        ServerOptions options = ConfigLoader.load(write("""
                leafnodes {
                  port: -1
                  compression: {mode: s2_best, rtt_thresholds: ["5ms", "20ms"]}
                  remotes: [
                    { url: "tls://127.0.0.1:7422", compression: accept, credentials: "/x/user.creds" }
                    { url: "nats://127.0.0.1:7423", compression: true,
                      nkey: "SUACSSL3UAHUDXKFSNVUZRF5UHPMWZ6BFDTJ7M6USDXIEDNPPQYYYCU3VY" }
                    { url: "nats://127.0.0.1:7424" }
                  ]
                }
                """), Map.of());
        LeafNodeOptions leaf = options.leafnodes();
        assertThat(leaf.compression()).isEqualTo(new LinkCompression("s2_best",
                java.util.List.of(Duration.ofMillis(5), Duration.ofMillis(20))));
        assertThat(leaf.tls()).isNull();
        assertThat(leaf.authTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(leaf.remotes().get(0).compression().mode()).isEqualTo("accept");
        assertThat(leaf.remotes().get(0).credentials()).isEqualTo("/x/user.creds");
        assertThat(leaf.remotes().get(1).compression().mode()).isEqualTo("s2_fast");
        assertThat(leaf.remotes().get(1).seed()).startsWith("SUA");
        assertThat(leaf.remotes().get(2).compression()).isEqualTo(LinkCompression.LEAF_DEFAULT);
        assertThat(error("leafnodes { remotes: [{url: \"nats://127.0.0.1:1\", nkey: \"SUbad\"}] }"))
                .isEqualTo("1:50: Remote leafnode nkey is not a valid seed: \"SUbad\"");
        assertThat(check("leafnodes { port: 7422, compression: zstd }").valid()).isTrue();
        assertThat(error("leafnodes { port: 7422, min_version: \"2.7.0\" }"))
                .isEqualTo("1:24: the minimum version should be at least 2.8.0");
        assertThat(error("leafnodes { port: 7422, min_version: \"abc\" }"))
                .isEqualTo("1:24: invalid leafnode's minimum version: invalid semver");
        assertThat(error("leafnodes { port: 7422, min_version: \"2.9\" }"))
                .isEqualTo("1:24: invalid leafnode's minimum version: strconv.Atoi: parsing \"\": invalid syntax");
        assertThat(error("leafnodes { port: 7422, min_version: 2 }"))
                .isEqualTo("1:24: interface conversion: interface {} is int64, not string");
        assertThat(ConfigLoader.load(write("leafnodes { port: 7422, minimum_version: \"v2.9.1\" }"), Map.of())
                .leafnodes().minVersion()).isEqualTo("v2.9.1");
        String nkey = "UDXU4RCSJNZOIQHZNWXHXORDPRTGNJAHAHFRGZNEEJCPQTT2M7NLCNF4";
        assertThat(ConfigLoader.load(write("accounts { A {} }\nleafnodes { port: 7422, authorization { nkey: " + nkey
                + ", account: A } }"), Map.of()).leafnodes().users())
                .containsExactly(new LeafNodeOptions.LeafUser(null, null, "A", nkey));
        assertThat(error("leafnodes { port: 7422, authorization { nkey: Ubad } }"))
                .isEqualTo("1:40: Not a valid public nkey for leafnode authorization");
        assertThat(error("leafnodes { port: 7422, authorization { nkey: " + nkey + ", users: [{user: a, password: b}] } }"))
                .isEqualTo("1:24: can not have a single nkey and a users array");
        assertThat(StartupChecks.problems(ConfigLoader.load(write("leafnodes { port: 7422, compression: zstd }"), Map.of())))
                .contains("unsupported compression mode \"zstd\"");
    }

    @Test
    void deny_rules_of_a_remote_are_read_as_lists_under_either_name() throws Exception {
        LeafNodeOptions.Remote remote = ConfigLoader.load(write("leafnodes { remotes: [{url: \"nats://127.0.0.1:1\", "
                + "deny_imports: [\"secret.>\", \"x\"], deny_export: \"private.>\"}] }")).leafnodes().remotes().get(0);
        assertThat(remote.denyImports()).containsExactly("secret.>", "x");
        assertThat(remote.denyExports()).containsExactly("private.>");
    }
}
