package io.jnatsd.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.jnatsd.config.ServerOptions;
import io.jnatsd.protocol.Versions;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The INFO line put together from its cached head and tail: nats-server's fields, in its order. */
class ClientInfoTest {
    private static final String HEAD = "INFO {\"server_id\":\"NID\",\"server_name\":\"a\\u003cb\",\"version\":\""
            + Versions.PROTOCOL_VERSION + "\",\"proto\":1,\"go\":\"" + Versions.RUNTIME
            + "\",\"host\":\"127.0.0.1\",\"port\":4222,\"headers\":true,\"auth_required\":true,\"max_payload\":";

    private final ClientInfo info = new ClientInfo("NID", "XKEY", ServerOptions.builder().serverName("a<b").maxPayload(512).build(),
            true, "127.0.0.1", 4222);

    @Test
    void aStandaloneServersLineEndsWithMaxPayloadTheNonceAndTheXkey() {
        assertThat(line(null, null, null, false)).isEqualTo(HEAD + "512,\"xkey\":\"XKEY\"} \r\n");
        assertThat(line("n-1", null, null, false)).isEqualTo(HEAD + "512,\"nonce\":\"n-1\",\"xkey\":\"XKEY\"} \r\n");
    }

    @Test
    void theClusterPartFollowsTheClientsFieldsBeforeTheXkeyAndChangesWithItsInputs() {
        List<String> urls = new ArrayList<>(List.of("127.0.0.1:4222", "127.0.0.1:4223"));
        assertThat(line(null, urls, "c1", false)).isEqualTo(HEAD
                + "512,\"cluster\":\"c1\",\"connect_urls\":[\"127.0.0.1:4222\",\"127.0.0.1:4223\"]"
                + ",\"xkey\":\"XKEY\"} \r\n");
        urls.add("127.0.0.1:4224");
        assertThat(line(null, urls, "c1", false)).isEqualTo(HEAD
                + "512,\"cluster\":\"c1\",\"connect_urls\":[\"127.0.0.1:4222\",\"127.0.0.1:4223\",\"127.0.0.1:4224\"]"
                + ",\"xkey\":\"XKEY\"} \r\n");
        assertThat(line(null, List.of(), "c1", true)).isEqualTo(HEAD + "512,\"cluster\":\"c1\",\"ldm\":true,\"xkey\":\"XKEY\"} \r\n");
        assertThat(line(null, null, null, false)).isEqualTo(HEAD + "512,\"xkey\":\"XKEY\"} \r\n");
    }

    private String line(String nonce, List<String> urls, String cluster, boolean lameDuck) {
        return new String(info.line(null, nonce, urls, cluster, lameDuck), StandardCharsets.UTF_8);
    }
}
