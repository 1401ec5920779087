package io.jnatsd.tests.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.jnatsd.JnatsdServer;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A server's first client gets the id nats-server 2.10.27 gives it (measured with the same
 * configurations), after the ids of its internal clients: clients see it as INFO's
 * {@code client_id} (nats.js's {@code nc.info.client_id}), monitors as {@code /connz}'s cid.
 */
class ClientIdTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "a default server ($G and $SYS)              | ''                                                              | 5",
        "two accounts of its own                     | accounts { A: { users: [{user: a, password: a}] }, B: {} }      | 7",
        "a named system account and one other        | accounts { A: {}, SYS: {} }\\nsystem_account: SYS                | 6",
        "no system account                           | no_system_account: true\\naccounts { A: {}, B: {} }              | 1",
    })
    void theFirstClientsIdFollowsNatsServersInternalClients(String server, String config, long firstId) throws Exception {
        try (JnatsdServer jnatsd = JnatsdServer.builder().configString(config.replace("\\n", "\n")).start()) {
            Options options = new Options.Builder().server("nats://127.0.0.1:" + jnatsd.port())
                    .userInfo("a", "a").build();
            try (Connection first = Nats.connect(options); Connection second = Nats.connect(options)) {
                assertThat(first.getServerInfo().getClientId()).isEqualTo(firstId);
                assertThat(second.getServerInfo().getClientId()).isEqualTo(firstId + 1);
            }
        }
    }
}
