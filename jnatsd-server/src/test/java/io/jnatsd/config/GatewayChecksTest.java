package io.jnatsd.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Test;

/** Start-up verdicts on the gateway block, texts as nats-server 2.10.27 prints them (GATEWAYS.md §1.2). */
class GatewayChecksTest {

    @TempDir
    Path folder;

    private ServerOptions load(String text) throws IOException {
        Path file = Files.writeString(folder.resolve("gateway.conf"), text);
        ConfigLoader.Result result = ConfigLoader.read(file, Map.of());
        assertThat(result.errors()).isEmpty();
        return result.options();
    }

    @Test
    void a_gateway_needs_a_name_and_a_port() throws IOException {
        assertThat(StartupChecks.problems(load("gateway { port: 36040 }"))).containsExactly("gateway has no name");
        assertThat(StartupChecks.problems(load("gateway { name: A }")))
                .containsExactly("gateway \"A\" has no port specified (select -1 for random port)");
    }

    @Test
    void every_remote_needs_a_name_and_a_url() throws IOException {
        assertThat(StartupChecks.problems(load("gateway { name: A, port: -1, gateways: [{name: B}] }")))
                .containsExactly("gateway \"B\" has no URL");
        assertThat(StartupChecks.problems(load(
                "gateway { name: A, port: -1, gateways: [{url: \"nats://127.0.0.1:1\"}] }")))
                .containsExactly("gateway in the list 0 has no name");
    }

    @Test
    void the_cluster_name_must_equal_the_gateway_name_and_defaults_to_it() throws IOException {
        assertThat(StartupChecks.problems(load("cluster { name: X, port: -1 }\ngateway { name: A, port: -1 }")))
                .containsExactly("cluster name conflicts between cluster and gateway definitions");
        ServerOptions inherited = load("cluster { port: -1 }\ngateway { name: A, port: -1 }");
        assertThat(StartupChecks.problems(inherited)).isEmpty();
        assertThat(inherited.cluster().name()).isEqualTo("A");
    }

    @Test
    void gateway_permissions_are_refused_when_the_file_is_read() throws IOException {
        Path file = Files.writeString(folder.resolve("gateway.conf"),
                "gateway { name: A, port: -1, authorization { user: a, password: b, permissions { publish: x } } }");
        assertThat(ConfigLoader.read(file, Map.of()).errors())
                .anySatisfy(e -> assertThat(e).contains("\"permissions\" is not supported by jnatsd"));
    }

    @Test
    void with_gateway_tls_the_auth_timeout_defaults_to_the_tls_timeout_plus_one_second() throws IOException {
        assertThat(load("gateway { name: A, port: -1, tls { timeout: 3 } }").gateway().authTimeout()).hasSeconds(4);
        assertThat(load("gateway { name: A, port: -1 }").gateway().authTimeout()).hasSeconds(2);
        assertThat(load("gateway { name: A, port: -1, authorization { user: a, password: b, timeout: 7 }, tls { timeout: 3 } }")
                .gateway().authTimeout()).hasSeconds(7);
    }

    @Test
    void the_full_block_is_read() throws IOException {
        GatewayOptions gateway = load("""
                gateway { name: A, listen: "127.0.0.1:7222", advertise: "10.0.0.1:7222", connect_retries: 2,
                  reject_unknown: true, authorization { user: gw, password: pw, timeout: 3 },
                  gateways: [{ name: B, url: "nats://u:p@127.0.0.1:1" }, { name: C, urls: ["nats://h:2", "nats://h:3"] }] }
                """).gateway();
        assertThat(gateway.host()).isEqualTo("127.0.0.1");
        assertThat(gateway.port()).isEqualTo(7222);
        assertThat(gateway.connectRetries()).isEqualTo(2);
        assertThat(gateway.rejectUnknown()).isTrue();
        assertThat(gateway.user()).isEqualTo("gw");
        assertThat(gateway.authTimeout()).hasSeconds(3);
        assertThat(gateway.gateways()).extracting(GatewayOptions.RemoteGateway::name).containsExactly("B", "C");
        assertThat(gateway.gateways().get(1).urls()).hasSize(2);
    }
}
