package io.jnatsd.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jnatsd.config.AuthorizationOptions;
import io.jnatsd.config.ClusterOptions;
import io.jnatsd.config.ServerOptions;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class FlagOverridesTest {

    static ServerOptions options(String... args) throws LaunchException {
        return FlagOverrides.apply(FlagParser.parse(args), ServerOptions.defaults());
    }

    @Test
    void noFlagsLeaveNatsServerDefaults() throws Exception {
        assertThat(options()).isEqualTo(ServerOptions.defaults());
    }

    @Test
    void serverFlagsSetHostPortNameAndAdvertise() throws Exception {
        ServerOptions o = options("-a", "127.0.0.1", "-p", "4333", "-n", "srv", "--client_advertise", "example:4222");
        assertThat(o.host()).isEqualTo("127.0.0.1");
        assertThat(o.port()).isEqualTo(4333);
        assertThat(o.serverName()).isEqualTo("srv");
        assertThat(o.clientAdvertise()).isEqualTo("example:4222");
    }

    @Test
    void everyAliasOfAFlagSetsTheSameOption() throws Exception {
        assertThat(options("--addr", "h1").host()).isEqualTo("h1");
        assertThat(options("--net", "h2").host()).isEqualTo("h2");
        assertThat(options("--port", "1").port()).isEqualTo(1);
        assertThat(options("--name", "a").serverName()).isEqualTo("a");
        assertThat(options("--server_name", "b").serverName()).isEqualTo("b");
        assertThat(options("--http_port", "8222").httpPort()).isEqualTo(8222);
        assertThat(options("--pid", "x.pid").pidFile()).isEqualTo("x.pid");
        assertThat(options("--log", "x.log").logFile()).isEqualTo("x.log");
        assertThat(options("--config", "x.conf").configFile()).isEqualTo(Path.of("x.conf"));
    }

    @Test
    void randomPortIsMinusOne() throws Exception {
        assertThat(options("-p", "-1").port()).isEqualTo(-1);
    }

    @Test
    void monitorPidLogAndConfigFileFlags() throws Exception {
        ServerOptions o = options("-m", "8222", "-P", "/run/j.pid", "-l", "j.log", "-c", "j.conf");
        assertThat(o.httpPort()).isEqualTo(8222);
        assertThat(o.pidFile()).isEqualTo("/run/j.pid");
        assertThat(o.logFile()).isEqualTo("j.log");
        assertThat(o.configFile()).isEqualTo(Path.of("j.conf"));
    }

    @Test
    void debugAndTraceFlagsCombineAsInNatsServer() throws Exception {
        assertThat(options("-D")).extracting(ServerOptions::debug, ServerOptions::trace).containsExactly(true, false);
        assertThat(options("-V")).extracting(ServerOptions::debug, ServerOptions::trace).containsExactly(false, true);
        assertThat(options("-VV")).extracting(ServerOptions::debug, ServerOptions::trace).containsExactly(false, true);
        assertThat(options("-DV")).extracting(ServerOptions::debug, ServerOptions::trace).containsExactly(true, true);
        assertThat(options("-DVV")).extracting(ServerOptions::debug, ServerOptions::trace).containsExactly(true, true);
        assertThat(options("--debug", "--trace")).extracting(ServerOptions::debug, ServerOptions::trace)
                .containsExactly(true, true);
        assertThat(options("-D=false")).extracting(ServerOptions::debug).isEqualTo(false);
    }

    @Test
    void logtimeIsOnByDefaultAndOffWithFalse() throws Exception {
        assertThat(options().logtime()).isTrue();
        assertThat(options("-T=false").logtime()).isFalse();
        assertThat(options("--logtime=f").logtime()).isFalse();
        assertThat(options("-T").logtime()).isTrue();
    }

    @Test
    void loggingFlagsWithoutServerOptionAreAccepted() throws Exception {
        CommandLineFlags flags = FlagParser.parse("-s", "-r", "udp://localhost:514", "--log_size_limit", "1000");
        assertThat(flags.syslog).isTrue();
        assertThat(flags.remoteSyslog).isEqualTo("udp://localhost:514");
        assertThat(flags.logSizeLimit).isEqualTo(1000L);
        assertThat(FlagParser.parse("--syslog").syslog).isTrue();
        assertThat(FlagParser.parse("--remote_syslog", "udp://h:1").remoteSyslog).isEqualTo("udp://h:1");
    }

    @Test
    void portsFileDirAndLogSizeLimitComeFromTheFileUnlessAFlagSaysOtherwise() throws Exception {
        ServerOptions file = ServerOptions.defaults().toBuilder().portsFileDir("from-file").logSizeLimit(10).build();
        assertThat(FlagOverrides.apply(FlagParser.parse(), file))
                .extracting(ServerOptions::portsFileDir, ServerOptions::logSizeLimit).containsExactly("from-file", 10L);
        assertThat(FlagOverrides.apply(FlagParser.parse("--ports_file_dir", "flag", "--log_size_limit", "2000"), file))
                .extracting(ServerOptions::portsFileDir, ServerOptions::logSizeLimit).containsExactly("flag", 2000L);
    }

    @Test
    void maxTracedMsgLenFlagOverridesTheFile() throws Exception {
        assertThat(options("--max_traced_msg_len", "64").maxTracedMessageLength()).isEqualTo(64);
        ServerOptions fromFile = ServerOptions.builder().maxTracedMessageLength(100).build();
        assertThat(FlagOverrides.apply(FlagParser.parse("--max_traced_msg_len=5"), fromFile).maxTracedMessageLength())
                .isEqualTo(5);
        assertThat(FlagOverrides.apply(FlagParser.parse(), fromFile).maxTracedMessageLength()).isEqualTo(100);
    }

    @Test
    void userAndPasswordBecomeSingleUserAuthorization() throws Exception {
        assertThat(options("--user", "bob", "--pass", "s3cret").authorization())
                .isEqualTo(AuthorizationOptions.userPassword("bob", "s3cret"));
    }

    @Test
    void authFlagBecomesTokenAuthorization() throws Exception {
        assertThat(options("--auth", "t0k3n").authorization()).isEqualTo(AuthorizationOptions.token("t0k3n"));
    }

    @Test
    void tlsFlagsBuildTlsOptions() throws Exception {
        ServerOptions o = options("--tls", "--tlscert", "c.pem", "--tlskey", "k.pem", "--tlscacert", "ca.pem",
                "--tlsverify");
        assertThat(o.tls().certFile()).isEqualTo("c.pem");
        assertThat(o.tls().keyFile()).isEqualTo("k.pem");
        assertThat(o.tls().caFile()).isEqualTo("ca.pem");
        assertThat(o.tls().verify()).isTrue();
        assertThat(options("--tlscert", "c.pem", "--tlskey", "k.pem").tls().verify()).isFalse();
    }

    @Test
    void tlsWithoutCertificateOrKeyFailsLikeNatsServer() {
        assertThatThrownBy(() -> options("--tls"))
                .hasMessage("jnatsd: TLS Server certificate must be present and valid");
        assertThatThrownBy(() -> options("--tlsverify", "--tlscert", "c.pem"))
                .hasMessage("jnatsd: TLS Server private key must be present and valid");
    }

    @Test
    void httpsMonitoringTakesItsPort() throws Exception {
        assertThat(options("-ms", "8443").httpsPort()).isEqualTo(8443);
        assertThat(options("--https_port", "8443").httpsPort()).isEqualTo(8443);
    }

    @Test
    void clusterUrlStartsAClusterWithItsOptions() throws Exception {
        ClusterOptions cluster = options("--cluster", "nats://127.0.0.1:6222", "--cluster_name", "C1",
                "--routes", "nats://127.0.0.1:6223, nats://127.0.0.1:6224", "--cluster_advertise", "10.0.0.1:6222",
                "--no_advertise", "--connect_retries", "5").cluster();
        assertThat(cluster.host()).isEqualTo("127.0.0.1");
        assertThat(cluster.port()).isEqualTo(6222);
        assertThat(cluster.name()).isEqualTo("C1");
        assertThat(cluster.routes()).containsExactly(URI.create("nats://127.0.0.1:6223"),
                URI.create("nats://127.0.0.1:6224"));
        assertThat(cluster.advertise()).isEqualTo("10.0.0.1:6222");
        assertThat(cluster.noAdvertise()).isTrue();
        assertThat(cluster.connectRetries()).isEqualTo(5);
        assertThat(cluster.poolSize()).isEqualTo(ClusterOptions.DEFAULT_POOL_SIZE);
    }

    @Test
    void clusterListenIsTheSameOptionAndTheLastOneWins() throws Exception {
        assertThat(options("--cluster_listen", "nats://0.0.0.0:7222").cluster())
                .extracting(ClusterOptions::host, ClusterOptions::port).containsExactly("0.0.0.0", 7222);
        assertThat(options("--cluster", "nats://a:1", "--cluster_listen", "nats://b:2").cluster().host())
                .isEqualTo("b");
    }

    @Test
    void credentialsInTheClusterUrlBecomeRouteAuthorization() throws Exception {
        ClusterOptions cluster = options("--cluster", "nats-route://ruser:rpass@127.0.0.1:-1").cluster();
        assertThat(cluster.authUser()).isEqualTo("ruser");
        assertThat(cluster.authPassword()).isEqualTo("rpass");
        assertThat(cluster.port()).isEqualTo(-1);
    }

    @Test
    void clusterFlagsWithoutAListenAddressAreIgnoredAsInNatsServer() throws Exception {
        assertThat(options("--routes", "nats://127.0.0.1:6223", "--cluster_name", "C").cluster()).isNull();
    }

    @Test
    void noAdvertiseAcceptsAnExplicitValue() throws Exception {
        assertThat(options("--cluster", "nats://h:1", "--no_advertise=true").cluster().noAdvertise()).isTrue();
        assertThat(options("--cluster", "nats://h:1", "--no_advertise=false").cluster().noAdvertise()).isFalse();
    }

    @Test
    void badClusterUrlsAreReported() {
        assertThatThrownBy(() -> options("--cluster", "bogus")).hasMessageContaining("invalid cluster URL \"bogus\"");
        assertThatThrownBy(() -> options("--cluster", "nats://127.0.0.1")).hasMessageContaining("missing port");
        assertThatThrownBy(() -> options("--cluster", "nats://h:x")).hasMessageContaining("invalid port \":x\"");
        assertThatThrownBy(() -> options("--cluster", "nats://h:1", "--routes", "nats://a b"))
                .hasMessageContaining("invalid route URL");
    }

    @Test
    void flagsOverrideConfigurationFileValuesAndKeepTheRest() throws Exception {
        ServerOptions fromFile = ServerOptions.builder().serverName("fromfile").port(5555).maxPayload(1234)
                .authorization(AuthorizationOptions.userPassword("u", "p"))
                .cluster(ClusterOptions.listen("0.0.0.0", 6222).withName("FILE").withPoolSize(-1)
                        .withRoutes(List.of(URI.create("nats://a:1"))))
                .build();
        ServerOptions o = FlagOverrides.apply(FlagParser.parse("-n", "fromflag", "-p", "15676", "--pass", "p2",
                "--cluster", "nats://127.0.0.1:7000"), fromFile);
        assertThat(o.serverName()).isEqualTo("fromflag");
        assertThat(o.port()).isEqualTo(15676);
        assertThat(o.maxPayload()).isEqualTo(1234);
        assertThat(o.authorization().user()).isEqualTo("u");
        assertThat(o.authorization().password()).isEqualTo("p2");
        assertThat(o.cluster().port()).isEqualTo(7000);
        assertThat(o.cluster().name()).isEqualTo("FILE");
        assertThat(o.cluster().poolSize()).isEqualTo(-1);
        assertThat(o.cluster().routes()).containsExactly(URI.create("nats://a:1"));
    }

    /** jnats' test server runner adds -js for its JetStream servers; nats-server also has -sd and --profile. */
    @Test
    void jetStreamAndProfilingFlagsAreAcceptedAndEachNamedInANotice() throws Exception {
        CommandLineFlags flags = FlagParser.parse("--port", "4333", "-js", "-sd", "/tmp/js", "--profile", "6060");
        assertThat(FlagOverrides.apply(flags, ServerOptions.defaults()))
                .isEqualTo(ServerOptions.defaults().toBuilder().port(4333).build());
        assertThat(FlagOverrides.ignoredFlagNotices(flags)).containsExactly(
                "\"--jetstream\" is accepted but not supported by jnatsd (JetStream: no JetStream API is offered), ignored",
                "\"--store_dir\" is accepted but not supported by jnatsd (JetStream: no JetStream API is offered), ignored",
                "\"--profile\" is accepted but not supported by jnatsd (the profiling port: not opened), ignored");
        assertThat(FlagOverrides.ignoredFlagNotices(FlagParser.parse("--jetstream", "--store_dir=/tmp/js")))
                .hasSize(2);
    }

    @Test
    void jetStreamAndProfilingFlagsThatAskForNothingGiveNoNotice() throws Exception {
        assertThat(FlagOverrides.ignoredFlagNotices(FlagParser.parse("-js=false", "--profile", "0"))).isEmpty();
        assertThat(FlagOverrides.ignoredFlagNotices(FlagParser.parse("-p", "1"))).isEmpty();
    }
}
