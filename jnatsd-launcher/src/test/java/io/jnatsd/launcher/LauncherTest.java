package io.jnatsd.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.jnatsd.config.ServerOptions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class LauncherTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(ConfigurationFiles files, String... args) {
        return new Launcher(files, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
    }

    private int run(String... args) {
        return run(new NatsConfigurationFiles(new PrintStream(err, true, StandardCharsets.UTF_8)), args);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void versionPrintsJnatsdAndTheNatsServerReleaseItFollows() {
        assertThat(run("-v")).isZero();
        assertThat(out()).isEqualTo("jnatsd: v0.1.0 (nats-server 2.10.27 compatible)\n");
    }

    @Test
    void helpPrintsTheUsageOnStdout() {
        assertThat(run("-h")).isZero();
        assertThat(out()).contains("Usage: jnatsd [options]").contains("--cluster_listen <url>");
        assertThat(err()).isEmpty();
    }

    @Test
    void tlsHelpShowsAnExampleAndTheCipherSuites() {
        assertThat(run("--help_tls")).isZero();
        assertThat(out()).contains("tls {").contains("Available cipher suites include:").contains("TLS_AES_128_GCM_SHA256");
    }

    @Test
    void anUnknownFlagPrintsTheErrorAndUsageOnStderrAndFails() {
        assertThat(run("--bogus")).isEqualTo(1);
        assertThat(err()).startsWith("flag provided but not defined: -bogus\n").contains("Usage: jnatsd [options]");
        assertThat(out()).isEmpty();
    }

    @Test
    void aMissingConfigurationFileIsAnErrorNamingIt() {
        assertThat(run("-c", "no-such-jnatsd.conf")).isEqualTo(1);
        assertThat(err()).startsWith("jnatsd: ").contains("no-such-jnatsd.conf");
    }

    @Test
    void testingAValidConfigurationFileSaysSoAndSucceeds(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path conf = dir.resolve("ok.conf");
        java.nio.file.Files.writeString(conf, "port: 4333\nmax_payload: 2MB\n");
        assertThat(run("-t", "-c", conf.toString())).isEqualTo(0);
        assertThat(out()).isEqualTo("jnatsd: configuration file " + conf + " is valid\n");
    }

    @Test
    void testingAnInvalidConfigurationFilePrintsFileLineAndColumnAndFails(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path conf = dir.resolve("bad.conf");
        java.nio.file.Files.writeString(conf, "port: 4333\nbogus_option: 1\n");
        assertThat(run("-t", "-c", conf.toString())).isEqualTo(1);
        assertThat(err()).contains(conf + ":2:").contains("unknown field \"bogus_option\"");
    }

    /** One option of each kind jnatsd refuses (UnsupportedOptions): asked for, it must not run more open. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {
        "port: -1\nresolver_pinned_accounts: [ ACSU3Q6LTLBVLGAQUONAGXJHVNWGSKKAUA7IY5TB4Z7PLEKSR5O6JTGR ]\n",
        "port: -1\naccounts { A { nkey: ACSU3Q6LTLBVLGAQUONAGXJHVNWGSKKAUA7IY5TB4Z7PLEKSR5O6JTGR } }\n",
        "port: -1\nauthorization { auth_callout: { issuer: x } }\n",
        "port: -1\naccounts { A { exports: [ { service: \"a.*\", account_token_position: 2 } ] } }\n",
        "port: -1\ntls { ocsp_peer: true }\n"})
    void aConfigurationAskingForAnUnsupportedRestrictionFailsTheTestAndTheStart(String text,
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path conf = dir.resolve("refused.conf");
        java.nio.file.Files.writeString(conf, text);
        assertThat(run("-t", "-c", conf.toString())).isEqualTo(1);
        assertThat(err()).startsWith("jnatsd: " + conf + ":").contains("is not supported by jnatsd");
        assertThat(out()).isEmpty();
        err.reset();
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(20),
                () -> assertThat(run("-c", conf.toString())).isEqualTo(1));
        assertThat(err()).startsWith("jnatsd: " + conf + ":").contains("is not supported by jnatsd");
    }

    /** nats-server 2.10.27 reports these as clean errors; no Java stack trace may reach the user. */
    @Test
    void testingDeeplyNestedOrSelfIncludingFilesPrintsACleanError(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path arrays = dir.resolve("arrays.conf");
        java.nio.file.Files.writeString(arrays, "a: " + "[".repeat(5000) + "1" + "]".repeat(5000) + "\n");
        java.nio.file.Path maps = dir.resolve("maps.conf");
        java.nio.file.Files.writeString(maps, "a: " + "{b: ".repeat(3000) + "1" + "}".repeat(3000) + "\n");
        java.nio.file.Path self = dir.resolve("self.conf");
        java.nio.file.Files.writeString(self, "port: 4333\ninclude self.conf\n");
        for (java.nio.file.Path conf : new java.nio.file.Path[] {arrays, maps, self}) {
            err.reset();
            assertThat(run("-t", "-c", conf.toString())).isEqualTo(1);
            assertThat(err()).startsWith("jnatsd: " + conf + ":").doesNotContain("Exception").doesNotContain("Error:")
                    .doesNotContain("\tat ").hasLineCount(1);
        }
    }

    @Test
    void testingAConfigurationNeedsAFile() {
        assertThat(run("-t")).isEqualTo(1);
        assertThat(err()).contains("must specify [-c, --config] option to check configuration file syntax");
    }

    @Test
    void testingAConfigurationGoesThroughTheSeam() {
        ConfigurationFiles valid = new ConfigurationFiles() {
            @Override
            public ServerOptions load(Path file) {
                return ServerOptions.defaults();
            }

            @Override
            public void check(Path file) {
            }
        };
        assertThat(run(valid, "-t", "-c", "ok.conf")).isZero();
        assertThat(out()).isEqualTo("jnatsd: configuration file ok.conf is valid\n");
    }

    @Test
    void aSignalToAPidFileThatIsNotThereFails() {
        assertThat(run("--signal", "reload=" + Path.of("no-such-dir", "none.pid"))).isEqualTo(1);
        assertThat(err()).contains("invalid pid");
    }
}
