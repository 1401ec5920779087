package io.jnatsd.config;

import io.jnatsd.config.ExportOptions.ExportKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigLoaderTest {
    @TempDir
    Path dir;

    private Path write(String text) {
        try {
            Path file = dir.resolve("test.conf");
            Files.writeString(file, text);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ServerOptions load(String text) {
        return ConfigLoader.load(write(text), Map.of());
    }

    private ConfigLoader.Result read(String text) {
        return ConfigLoader.read(write(text), Map.of());
    }

    private void assertError(String text, String message) {
        assertThat(read(text).errors()).anySatisfy(e -> assertThat(e).contains(message));
    }

    @Test
    void a_file_with_one_unrelated_option_keeps_every_default() {
        ServerOptions o = load("server_name: only");
        ServerOptions d = ServerOptions.defaults();
        assertThat(o.host()).isEqualTo("0.0.0.0").isEqualTo(d.host());
        assertThat(o.port()).isEqualTo(4222);
        assertThat(o.maxPayload()).isEqualTo(1048576);
        assertThat(o.maxPending()).isEqualTo(67108864L);
        assertThat(o.maxControlLine()).isEqualTo(4096);
        assertThat(o.maxConnections()).isEqualTo(65536);
        assertThat(o.maxSubscriptions()).isZero();
        assertThat(o.pingInterval()).isEqualTo(Duration.ofMinutes(2));
        assertThat(o.pingMax()).isEqualTo(2);
        assertThat(o.writeDeadline()).isEqualTo(Duration.ofSeconds(10));
        assertThat(o.lameDuckDuration()).isEqualTo(Duration.ofMinutes(2));
        assertThat(o.lameDuckGracePeriod()).isEqualTo(Duration.ofSeconds(10));
        assertThat(o.maxClosedClients()).isEqualTo(10000);
        assertThat(o.connectErrorReports()).isEqualTo(3600);
        assertThat(o.reconnectErrorReports()).isEqualTo(1);
        assertThat(o.httpPort()).isZero();
        assertThat(o.systemAccount()).isNull();
        assertThat(o.systemAccountName()).isEqualTo("$SYS");
        assertThat(o.authorization()).isEqualTo(AuthorizationOptions.NONE);
        assertThat(o.cluster()).isNull();
        assertThat(o.tls()).isNull();
        assertThat(o.configFile()).isEqualTo(dir.resolve("test.conf"));
    }

    @Test
    void listen_sets_host_and_port_and_later_keys_override_it() {
        assertThat(load("listen: 127.0.0.1:4333")).extracting(ServerOptions::host, ServerOptions::port)
                .containsExactly("127.0.0.1", 4333);
        assertThat(load("listen: 127.0.0.1:4333\nport: 4444").port()).isEqualTo(4444);
        assertThat(load("listen: 4555")).extracting(ServerOptions::host, ServerOptions::port).containsExactly("0.0.0.0", 4555);
        assertThat(load("listen: \"[::1]:4222\"").host()).isEqualTo("::1");
        assertThat(load("net: 10.0.0.1\nport: -1")).extracting(ServerOptions::host, ServerOptions::port)
                .containsExactly("10.0.0.1", -1);
        assertError("listen: \"h:p\"", "could not parse port \"p\"");
        assertError("listen: \"x\"", "could not parse address string \"x\"");
    }

    @Test
    void identity_and_advertise_options_are_read() {
        ServerOptions o = load("server_name: n1\nclient_advertise: \"10.0.0.1:4222\"");
        assertThat(o.serverName()).isEqualTo("n1");
        assertThat(o.clientAdvertise()).isEqualTo("10.0.0.1:4222");
    }

    @Test
    void limits_accept_sizes_and_aliases() {
        ServerOptions o = load("max_payload: 2MB\nmax_pending: 64mb\nmax_control_line: 2KB\nmax_conn: 100\n"
                + "max_subs: 1k\nmax_sub_tokens: 16\nmax_closed_clients: 5\nno_header_support: true\nping_max: 4");
        assertThat(o.maxPayload()).isEqualTo(2097152);
        assertThat(o.maxPending()).isEqualTo(67108864L);
        assertThat(o.maxControlLine()).isEqualTo(2048);
        assertThat(o.maxConnections()).isEqualTo(100);
        assertThat(o.maxSubscriptions()).isEqualTo(1000);
        assertThat(o.maxSubTokens()).isEqualTo(16);
        assertThat(o.maxClosedClients()).isEqualTo(5);
        assertThat(o.noHeaderSupport()).isTrue();
        assertThat(o.pingMax()).isEqualTo(4);
        assertError("max_payload: 3GB", "test.conf:1:0: max_payload value is too big");
        assertError("max_sub_tokens: 300", "max_sub_tokens value is too big");
        assertError("max_sub_tokens: 0", "max_sub_tokens value can not be negative");
    }

    @Test
    void a_value_of_the_wrong_type_gets_nats_servers_message() {
        assertError("port: \"4222\"", "test.conf:1:0: interface conversion: interface {} is string, not int64");
        assertError("debug: \"true\"", "interface conversion: interface {} is string, not bool");
        assertError("server_name: 5", "interface conversion: interface {} is int64, not string");
        assertError("port: 1.5", "interface {} is float64, not int64");
    }

    @Test
    void durations_are_go_strings_and_bare_integers_are_seconds_with_a_warning() {
        ServerOptions o = load("ping_interval: \"30s\"\nwrite_deadline: \"1m30s\"");
        assertThat(o.pingInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(o.writeDeadline()).isEqualTo(Duration.ofSeconds(90));
        ConfigLoader.Result r = read("\nping_interval: 30");
        assertThat(r.valid()).isTrue();
        assertThat(r.options().pingInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(r.warnings()).containsExactly(dir.resolve("test.conf")
                + ":2:1: invalid use of field \"ping_interval\": ping_interval should be converted to a duration");
        assertError("ping_interval: \"2 minutes\"", "error parsing ping_interval: time: unknown unit \" minutes\" in duration \"2 minutes\"");
    }

    @Test
    void lame_duck_needs_at_least_30_seconds_and_a_positive_grace_period() {
        ServerOptions o = load("lame_duck_duration: \"45s\"\nlame_duck_grace_period: \"5s\"");
        assertThat(o.lameDuckDuration()).isEqualTo(Duration.ofSeconds(45));
        assertThat(o.lameDuckGracePeriod()).isEqualTo(Duration.ofSeconds(5));
        assertError("lame_duck_duration: \"10s\"", "invalid lame_duck_duration of 10s, minimum is 30 seconds");
        assertError("lame_duck_grace_period: \"-1s\"", "invalid lame_duck_grace_period, needs to be positive");
        assertError("lame_duck_duration: 60", "interface {} is int64, not string");
    }

    @Test
    void monitoring_ports_and_path_are_read() {
        ServerOptions o = load("http: 127.0.0.1:8222\nhttps_port: 8223\nhttp_base_path: /nats");
        assertThat(o.httpHost()).isEqualTo("127.0.0.1");
        assertThat(o.httpPort()).isEqualTo(8222);
        assertThat(o.httpsPort()).isEqualTo(8223);
        assertThat(o.httpBasePath()).isEqualTo("/nats");
        assertThat(load("monitor_port: 9000").httpPort()).isEqualTo(9000);
        assertThat(load("http_port: 9001").httpPort()).isEqualTo(9001);
        assertThat(load("https: 127.0.0.1:9443")).extracting(ServerOptions::httpHost, ServerOptions::httpsPort)
                .containsExactly("127.0.0.1", 9443);
    }

    @Test
    void logging_and_process_options_are_read() {
        ServerOptions o = load("debug: true\ntrace_verbose: true\nlogtime: false\nlogtime_utc: true\nlog_file: logs/x.log\n"
                + "log_size_limit: 1MB\nlog_max_num: 3\nsyslog: true\nremote_syslog: \"udp://127.0.0.1:514\"\n"
                + "pid_file: run/x.pid\nports_file_dir: run\nmax_traced_msg_len: 100\n"
                + "connect_error_reports: 5\nreconnect_error_reports: 6");
        assertThat(o.debug()).isTrue();
        assertThat(o.trace()).isTrue();
        assertThat(o.traceVerbose()).isTrue();
        assertThat(o.logtime()).isFalse();
        assertThat(o.logtimeUtc()).isTrue();
        assertThat(o.logFile()).isEqualTo("logs/x.log");
        assertThat(o.logSizeLimit()).isEqualTo(1048576L);
        assertThat(o.logMaxFiles()).isEqualTo(3);
        assertThat(o.syslog()).isTrue();
        assertThat(o.remoteSyslog()).isEqualTo("udp://127.0.0.1:514");
        assertThat(o.pidFile()).isEqualTo("run/x.pid");
        assertThat(o.portsFileDir()).isEqualTo("run");
        assertThat(o.maxTracedMessageLength()).isEqualTo(100);
        assertThat(o.connectErrorReports()).isEqualTo(5);
        assertThat(o.reconnectErrorReports()).isEqualTo(6);
        assertThat(load("logfile: a.log\npidfile: a.pid")).extracting(ServerOptions::logFile, ServerOptions::pidFile)
                .containsExactly("a.log", "a.pid");
    }

    @Test
    void single_user_authorization_with_timeout() {
        AuthorizationOptions a = load("authorization { user: u, password: p, timeout: 0.5 }").authorization();
        assertThat(a).isEqualTo(new AuthorizationOptions("u", "p", null, List.of(), Duration.ofMillis(500), null));
        assertThat(load("authorization { username: u, pass: p }").authorization().timeout())
                .isEqualTo(AuthorizationOptions.DEFAULT_TIMEOUT);
        assertThat(load("authorization { token: t, timeout: 3 }").authorization())
                .isEqualTo(new AuthorizationOptions(null, null, "t", List.of(), Duration.ofSeconds(3), null));
    }

    @Test
    void users_get_their_permissions_or_the_default_ones() {
        AuthorizationOptions a = load("""
                authorization {
                  default_permissions = { publish = "SANDBOX.*", subscribe = ["PUBLIC.>", "_INBOX.>"] }
                  ADMIN = { publish = ">", subscribe = ">" }
                  users = [
                    { user: admin, password: pw, permissions: $ADMIN }
                    { user: svc, password: pw, permissions: {
                        pub: { allow: ["req.>"], deny: ["req.secret"] },
                        sub: { deny: ">" },
                        allow_responses: { max: 2, expires: "5s" } } }
                    { user: guest, password: pw }
                    { user: r, password: pw, permissions: { import: "a", export: "b", allow_responses: true } }
                  ]
                }""").authorization();
        Permissions defaults = new Permissions(new SubjectPermission(List.of("SANDBOX.*"), List.of()),
                new SubjectPermission(List.of("PUBLIC.>", "_INBOX.>"), List.of()), null);
        assertThat(a.defaultPermissions()).isEqualTo(defaults);
        assertThat(a.users()).containsExactly(
                new UserOptions("admin", "pw", new Permissions(new SubjectPermission(List.of(">"), List.of()),
                        new SubjectPermission(List.of(">"), List.of()), null), null),
                new UserOptions("svc", "pw", new Permissions(new SubjectPermission(List.of("req.>"), List.of("req.secret")),
                        new SubjectPermission(List.of(), List.of(">")), new ResponsePermission(2, Duration.ofSeconds(5))), null),
                new UserOptions("guest", "pw", defaults, null),
                new UserOptions("r", "pw", new Permissions(new SubjectPermission(List.of("a"), List.of()),
                        new SubjectPermission(List.of("b"), List.of()), ResponsePermission.DEFAULT), null));
    }

    @Test
    void authorization_combinations_nats_server_refuses_are_errors() {
        assertError("authorization { token: t, users: [ {user: a, password: b} ] }", "Can not have a token and a users array");
        assertError("authorization { user: a, password: b }\naccounts { A { users: [ {user: x, password: y} ] } }",
                "Can not have a single user/pass and accounts");
        assertError("authorization { user: a, password: b, users: [ {user: x, password: y} ] }",
                "Can not have a single user/pass and a users array");
        assertError("authorization { user: a, password: b, token: c }", "Cannot have a user/pass and token");
        assertError("authorization { users: [ {user: a, password: b}, {user: a, password: c} ] }", "Duplicate user \"a\" detected");
        assertError("authorization { users: [ {password: a} ] }", "User entry requires a user");
        assertError("authorization { users: [ {user: a, account: A} ] }", "unknown field \"account\"");
        assertError("authorization { users: [ {user: a, permissions: {publish: \"a..b\"}} ] }",
                "subject \"a..b\" is not a valid subject");
        assertError("authorization { users: [ {user: a, permissions: {zzz: \"a\"}} ] }", "Unknown field \"zzz\" parsing permissions");
        assertError("authorization { users: [ {user: a, permissions: {publish: {zzz: \"a\"}}} ] }",
                "Unknown field name \"zzz\" parsing subject permissions, only 'allow' or 'deny' are permitted");
    }

    @Test
    void accounts_hold_users_exports_and_imports() {
        ServerOptions o = load("""
                accounts {
                  ACC1: { users: [ {user: u1, password: p1} ], exports: [ {stream: "a.>"}, {service: "svc"} ],
                          imports: [ {stream: {account: ACC2, subject: "x.>"}}, {service: {account: ACC2, subject: "q"}, to: "q2"} ] }
                  ACC2: { exports: [ {stream: "x.>", accounts: [ACC1]}, {service: "q", response_type: chunked, response_threshold: "1.5s"} ] }
                }
                system_account: ACC2
                no_auth_user: u1""");
        assertThat(o.accounts()).extracting(AccountOptions::name).containsExactly("ACC1", "ACC2");
        AccountOptions acc1 = o.accounts().get(0);
        assertThat(acc1.users()).containsExactly(new UserOptions("u1", "p1", null, "ACC1"));
        assertThat(acc1.exports()).containsExactly(new ExportOptions(ExportKind.STREAM, "a.>", List.of(), null),
                new ExportOptions(ExportKind.SERVICE, "svc", List.of(), "Singleton"));
        assertThat(acc1.imports()).containsExactly(new ImportOptions(ExportKind.STREAM, "ACC2", "x.>", null),
                new ImportOptions(ExportKind.SERVICE, "ACC2", "q", "q2"));
        assertThat(o.accounts().get(1).exports().get(1).responseType()).isEqualTo("Chunked");
        assertThat(o.accounts().get(1).exports().get(1).responseThreshold()).isEqualTo(java.time.Duration.ofMillis(1500));
        assertThat(acc1.exports().get(1).effectiveResponseThreshold()).isEqualTo(java.time.Duration.ofMinutes(2));
        assertThat(o.systemAccount()).isEqualTo("ACC2");
        assertThat(o.noAuthUser()).isEqualTo("u1");
        assertThat(o.authorization().configured()).isFalse();
        assertThat(load("accounts: [A, B]").accounts()).extracting(AccountOptions::name).containsExactly("A", "B");
    }

    @Test
    void account_limits_are_read_as_nats_server_reads_them() {
        ServerOptions o = load("accounts { A { exports: [ {stream: x} ], "
                + "limits: { max_connections: 10, max_subs: 3, max_payload: 1KB, max_leafnodes: -1 } }, "
                + "B { imports: [ {stream: {account: A, subject: \"x\"}, prefix: p} ] }, C {} }");
        assertThat(o.accounts().get(0).limits()).isEqualTo(new AccountLimitsOptions(10, 3, 1024, -1));
        assertThat(o.accounts().get(2).limits()).isEqualTo(AccountLimitsOptions.NONE);
        assertThat(o.accounts().get(1).imports()).containsExactly(ImportOptions.prefixed("A", "x", "p"));
        assertError("accounts { A { limits: { max_conns: 1 } } }", "Unknown field \"max_conns\" parsing account limits");
        assertThat(load("accounts { A { limits: { max_leafnodes: 2 } }, B { limits: { max_leafs: 0 } } }").accounts())
                .extracting(a -> a.limits().maxLeafNodes()).containsExactly(2L, 0L);
    }

    @Test
    void account_references_are_checked() {
        assertError("accounts { A { imports: [ {stream: {account: B, subject: \"a\"}} ] }, B {} }",
                "Error adding stream import \"a\": stream import not authorized");
        assertError("accounts { A { imports: [ {service: {account: C, subject: \"a\"}} ] } }",
                "\"C\" account not defined for service import");
        assertError("accounts { A { exports: [ {stream: \"a\", accounts: [C]} ] } }", "\"C\" account not defined for stream export");
        assertError("accounts { A { exports: [ {service: \"a\", stream: \"b\"} ] } }", "Detected stream \"b\" but already saw a service");
        assertError("accounts { A: 5 }", "Expected map entries for accounts");
        assertError("accounts { A { users: [ {user: x} ] }, B { users: [ {user: x} ] } }", "Duplicate user \"x\" detected");
    }

    @Test
    void system_account_switches() {
        assertThat(load("no_sys_acc: true").systemAccountName()).isNull();
        assertThat(load("no_system_account: true").noSystemAccount()).isTrue();
        assertThat(load("system: SYS").systemAccount()).isEqualTo("SYS");
    }

    @Test
    void server_tags_are_kept_as_nats_server_keeps_them() {
        assertThat(load("server_tags: [\" Region:EU \", \"az:1\", \"AZ:1\", \"\"]").serverTags())
                .containsExactly("region:eu", "az:1");
        assertThat(load("server_tags: \"One\"").serverTags()).containsExactly("one");
        assertThat(load("port: 4222").serverTags()).isEmpty();
        assertError("server_tags: 5", "error parsing tags: unsupported type int64");
        assertThat(ReloadNotices.between(load("server_tags: a"), load("server_tags: b"))).contains("Reloaded: tags");
        assertThat(ReloadPlan.between(load("server_tags: a"), load("server_tags: b")).canReload()).isTrue();
    }

    @Test
    void a_full_cluster_block_is_read() {
        ClusterOptions c = load("""
                cluster {
                  name: c1
                  listen: "127.0.0.1:4248"
                  advertise: "10.0.0.1:4248"
                  no_advertise: true
                  connect_retries: 3
                  pool_size: 5
                  accounts: [ APP ]
                  compression: { mode: better, rtt_thresholds: ["5ms", "20ms"] }
                  ping_interval: "20s"
                  ping_max: 4
                  routes: [ "nats://127.0.0.1:4249", "nats-route://ru:rp@127.0.0.1:4250" ]
                  authorization { user: ru, password: rp, timeout: 0.5 }
                  permissions { import: { allow: ["foo.>"], deny: "foo.secret" }, export: [ "bar.>" ] }
                }""").cluster();
        assertThat(c).isEqualTo(new ClusterOptions("c1", "127.0.0.1", 4248, "10.0.0.1:4248", true,
                List.of(URI.create("nats://127.0.0.1:4249"), URI.create("nats-route://ru:rp@127.0.0.1:4250")), 3, 5,
                List.of("APP"), "s2_better", List.of(Duration.ofMillis(5), Duration.ofMillis(20)), Duration.ofSeconds(20), 4,
                "ru", "rp", null, Duration.ofMillis(500),
                new ClusterOptions.RoutePermissions(new SubjectPermission(List.of("foo.>"), List.of("foo.secret")),
                        new SubjectPermission(List.of("bar.>"), List.of())), null));
    }

    @Test
    void cluster_defaults_apply_when_only_a_port_is_given() {
        assertThat(load("cluster { port: -1 }").cluster()).isEqualTo(ClusterOptions.listen("0.0.0.0", -1));
        assertThat(load("cluster { host: 127.0.0.1, port: 4248, pool_size: -1 }").cluster().poolSize()).isEqualTo(-1);
        ConfigLoader.Result r = read("cluster { routes: [ \"nats://127.0.0.1:4249\" ] }");
        assertThat(r.options().cluster()).isNull();
        assertThat(r.notices()).anySatisfy(n -> assertThat(n).contains("clustering is off"));
    }

    @Test
    void cluster_compression_takes_strings_booleans_and_blocks() {
        assertThat(load("cluster { port: 4248, compression: on }").cluster().compression()).isEqualTo("s2_fast");
        assertThat(load("cluster { port: 4248, compression: false }").cluster().compression()).isEqualTo("off");
        assertThat(load("cluster { port: 4248, compression: s2_auto }").cluster().compression()).isEqualTo("s2_auto");
        assertThat(load("cluster { port: 4248, compression: zstd }").cluster().compression()).isEqualTo("zstd");
        assertError("cluster { port: 4248, compression: 5 }", "field \"compression\" should be a boolean or a structure, got int64");
        assertError("cluster { port: 4248, compression: { mode: fast, zz: 1 } }", "unknown field \"zz\"");
    }

    @Test
    void cluster_ping_interval_above_30_seconds_is_capped_with_a_warning() {
        ConfigLoader.Result r = read("cluster { port: 4248, ping_interval: \"40s\" }");
        assertThat(r.options().cluster().pingInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(r.warnings()).singleElement().asString().endsWith("Cluster 'ping_interval' will reset to 30s which is the max for routes");
    }

    @Test
    void cluster_rules_from_nats_server_are_enforced() {
        assertError("cluster { port: 4248, authorization { users: [] } }", "Cluster authorization does not allow multiple users");
        assertError("cluster { port: 4248, authorization { token: x } }", "Cluster authorization does not support tokens");
        assertError("cluster { port: 4248, permissions: { allow_responses: true } }",
                "Cluster permissions do not support dynamic responses");
        assertError("cluster { port: 4248, write_deadline: \"1s\" }", "unknown field \"write_deadline\"");
        assertError("cluster { port: 4248, accounts: 5 }", "error parsing accounts: unsupported type int64");
        ConfigLoader.Result deprecated = read("cluster { port: 4248, authorization { user: a, password: b, permissions: { import: \"x\" } } }");
        assertThat(deprecated.warnings()).singleElement().asString()
                .contains("setting \"permissions\" within cluster authorization block is deprecated");
        assertThat(deprecated.options().cluster().permissions().importPermission().allow()).containsExactly("x");
        ConfigLoader.Result duplicate = read("cluster { port: 4248, routes: [ \"nats://a:4\", \"nats://a:4\" ] }");
        assertThat(duplicate.warnings()).singleElement().asString().contains("Duplicate route entry detected");
        assertThat(duplicate.options().cluster().routes()).hasSize(1);
    }

    @Test
    void tls_blocks_are_read_and_their_files_checked() throws IOException {
        Path certs = ConfigCorpus.root().resolve("certs");
        String files = "cert_file: \"" + certs.resolve("server.pem") + "\", key_file: \"" + certs.resolve("server-key.pem")
                + "\", ca_file: \"" + certs.resolve("ca.pem") + "\"";
        ServerOptions o = load("tls { " + files + ", verify: true, timeout: 3, handshake_first: true, "
                + "cipher_suites: [\"TLS_AES_128_GCM_SHA256\"] }\nallow_non_tls: true\n"
                + "cluster { port: 4248, tls { " + files + ", insecure: true, timeout: \"1s\" } }");
        assertThat(o.tls()).isEqualTo(new TlsOptions(certs.resolve("server.pem").toString(), certs.resolve("server-key.pem").toString(),
                certs.resolve("ca.pem").toString(), true, false, false, Duration.ofSeconds(3), List.of("TLS_AES_128_GCM_SHA256"),
                List.of(), true, null));
        assertThat(o.allowNonTls()).isTrue();
        assertThat(o.cluster().tls().insecure()).isTrue();
        assertThat(o.cluster().tls().timeout()).isEqualTo(Duration.ofSeconds(1));
        assertThat(load("tls { }").tls().timeout()).isEqualTo(TlsOptions.DEFAULT_TIMEOUT);
        assertThat(load("tls { min_version: \"1.3\" }").tls().minVersion()).isEqualTo("1.3");
        assertThat(load("tls { verify_and_map: true }").tls().verify()).isTrue();
        assertThat(load("tls { timeout: 4 }\nauthorization { user: a, password: b }").authorization().timeout())
                .isEqualTo(Duration.ofSeconds(5));
        assertThat(load("cluster { port: 4248, authorization { user: r, password: p }, tls { timeout: 3 } }")
                .cluster().authTimeout()).isEqualTo(Duration.ofSeconds(4));
        assertError("tls { cert_file: nope.pem, key_file: nope.pem }",
                "error parsing X509 certificate/key pair: open nope.pem: no such file or directory");
        assertError("tls { cert_file: a.pem }", "missing 'key_file' in TLS configuration");
        Files.writeString(dir.resolve("not.pem"), "not pem");
        assertError("tls { ca_file: \"" + dir.resolve("not.pem") + "\" }", "failed to parse root ca certificate");
        assertError("tls { verify: 1 }", "error parsing tls config, expected 'verify' to be a boolean");
        assertError("tls { zzz: 1 }", "error parsing tls config, unknown field \"zzz\"");
        assertError("tls { handshake_first: \"x\" }", "field \"handshake_first\"'s value \"x\" is invalid");
    }

    @Test
    void unknown_options_fail_unless_used_as_variables() {
        ConfigLoader.Result r = read("port: 4333\nfoo_bar: 1\nUSED = 5\nmax_subs: $USED\nUNUSED = 6");
        assertThat(r.errors()).containsExactly(dir.resolve("test.conf") + ":2:1: unknown field \"foo_bar\"",
                dir.resolve("test.conf") + ":5:1: unknown field \"UNUSED\"");
        assertThat(r.options()).isNull();
    }

    @Test
    void options_outside_jnatsds_scope_that_open_nothing_are_accepted_with_a_notice() {
        ConfigLoader.Result r = read("jetstream { store_dir: js }\n"
                + "mqtt { port: 1883 }");
        assertThat(r.valid()).isTrue();
        assertThat(r.warnings()).isEmpty();
        assertThat(r.notices()).hasSize(2).allSatisfy(n -> assertThat(n).contains("not supported by jnatsd"));
    }

    @Test
    void mappings_are_read_at_the_top_level_for_the_global_account_and_inside_accounts() {
        ServerOptions o = load("mappings { a: b, \"w.*\": [ { destination: \"x.$1\", weight: 40% }, "
                + "{ dest: \"y.$1\", weight: 60, cluster: C } ], s: { destination: t, weight: \"100\" } }\n"
                + "accounts { A { maps { q: r } } }");
        assertThat(o.mappings()).containsExactly(MappingOptions.to("a", "b"),
                new MappingOptions("w.*", List.of(new MappingOptions.Destination("x.$1", 40, ""),
                        new MappingOptions.Destination("y.$1", 60, "C"))),
                MappingOptions.to("s", "t"));
        assertThat(o.accounts().get(0).mappings()).containsExactly(MappingOptions.to("q", "r"));
    }

    @Test
    void mapping_errors_read_as_nats_servers() {
        assertError("mappings { \"a..b\": c }", "Subject \"a..b\" is not a valid subject");
        assertError("mappings { a: [ { destination: b } ] }", "Missing weight for mapping destination \"b\"");
        assertError("mappings { a: [ { destination: b, weight: 101 } ] }", "Invalid weight 101 for mapping destination");
        assertError("mappings { a: [ { destination: b, weight: \"x%\" } ] }", "Invalid weight \"x\" for mapping destination");
        assertError("mappings { a: [ { destination: b, weight: 1, colour: red } ] }",
                "Unknown field \"colour\" for mapping destination");
        assertError("mappings { a: [ { destination: b, weight: 60 }, { destination: c, weight: 50 } ] }",
                "Error adding mapping for \"a\" : total weight needs to be <= 100");
        assertError("mappings { a: [ { destination: b, weight: 10 }, { destination: b, weight: 10 } ] }",
                "duplicate entry for \"b\"");
        assertError("mappings { \"a.*\": \"b.{{wildcard(2)}}\" }", "Error adding mapping for \"a.*\" to \"b.{{wildcard(2)}}\" : "
                + "invalid mapping destination: wildcard index out of range");
        assertError("mappings { a: 5 }", "Expected an entry for the mapping destination");
    }

    @Test
    void options_that_restrict_access_and_are_not_implemented_are_errors() {
        ConfigLoader.Result r = read("resolver_pinned_accounts: [ x ]\nresolver_tls { }\n");
        assertThat(r.valid()).isFalse();
        assertThat(r.errors()).containsExactly(
                dir.resolve("test.conf") + ":1:0: \"resolver_pinned_accounts\" is not supported by jnatsd (TLS and pinned "
                        + "accounts of the account resolver of JWT operator mode): refusing the configuration rather than "
                        + "running without this restriction",
                dir.resolve("test.conf") + ":2:1: \"resolver_tls\" is not supported by jnatsd (TLS and pinned accounts "
                        + "of the account resolver of JWT operator mode): refusing the configuration rather than running "
                        + "without this restriction");
    }

    @Test
    void no_auth_user_must_name_a_configured_user_at_start_up() {
        assertThat(StartupChecks.problems(load("no_auth_user: zz"))).containsExactly(
                "no_auth_user: \"zz\" present, but users/nkeys are not defined");
        assertThat(StartupChecks.problems(load("accounts { A { users: [ { user: a, password: b } ] } }\nno_auth_user: zz")))
                .containsExactly("no_auth_user: \"zz\" not present as user or nkey in authorization block or account "
                        + "configuration");
        assertThat(StartupChecks.problems(load("authorization { users: [ { user: a, password: b } ] }\nno_auth_user: a")))
                .isEmpty();
    }

    @Test
    void an_empty_file_is_a_warning_so_the_server_starts_with_the_defaults() {
        assertThat(read("# nothing\n").warnings()).containsExactly(dir.resolve("test.conf") + ": config has no values or is empty");
    }

    @Test
    void every_problem_of_a_file_is_reported_at_once() {
        ConfigLoader.Result r = read("foo: 1\nport: \"x\"\nping_interval: 5\ncluster { port: 1, bar: 2 }");
        assertThat(r.errors()).hasSize(3);
        assertThat(r.warnings()).hasSize(1);
    }

    @Test
    void load_throws_with_every_error() {
        Path file = write("foo: 1\nbar: 2");
        assertThatThrownBy(() -> ConfigLoader.load(file, Map.of())).isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).errors()).hasSize(2));
    }
}
