package io.jnatsd.tests.auth;

import static io.jnatsd.tests.auth.FullResolverTest.OPERATOR;
import static io.jnatsd.tests.auth.FullResolverTest.SYSTEM;
import static io.jnatsd.tests.auth.FullResolverTest.creds;
import static io.jnatsd.tests.auth.FullResolverTest.operatorJwt;
import static io.jnatsd.tests.auth.FullResolverTest.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jnatsd.auth.jwt.JwtEncoder;
import io.jnatsd.auth.nkey.NKeyPair;
import io.jnatsd.auth.nkey.NKeyType;
import io.jnatsd.config.SystemEventTimings;
import io.jnatsd.testkit.NatsTestCluster;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.nio.file.Path;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An account's connection limit counted over three servers heals when a server goes away, as
 * nats-server's does: a server that shuts down cleanly announces it ({@code $SYS.SERVER.<id>.SHUTDOWN})
 * and its connections stop counting at once; a server killed without a word stops counting once
 * it has been silent for the orphan timeout (shortened here), while a live server's count
 * survives any number of timeouts because its heartbeats keep it known. Each server sweeps on
 * its own timer, so until all have, one that still counts the dead server's connections may
 * close its newest ones (as nats-server does when a report puts the cluster over the limit).
 */
class AccountConnectionHealingTest {
    private static final NKeyPair LIMITED = NKeyPair.generate(NKeyType.ACCOUNT);
    private static final SystemEventTimings SHORT = new SystemEventTimings(Duration.ofMillis(50),
            Duration.ofMillis(200), Duration.ofMillis(200), Duration.ofMillis(1500), Duration.ofMillis(200));

    @TempDir
    Path dir;

    @BeforeAll
    static void warmUp() {
        FullResolverTest.warmUp();
    }

    private static String config() {
        ObjectNode limited = JwtEncoder.claims(LIMITED.publicKey(), "LIMITED", "account");
        ((ObjectNode) limited.get("nats").get("limits")).put("conn", 2);
        return "operator: " + operatorJwt() + "\nsystem_account: " + SYSTEM.publicKey()
                + "\nresolver: MEMORY\nresolver_preload: {\n"
                + "  " + SYSTEM.publicKey() + ": " + JwtEncoder.encode(JwtEncoder.claims(SYSTEM.publicKey(), "SYS",
                "account"), OPERATOR) + "\n"
                + "  " + LIMITED.publicKey() + ": " + JwtEncoder.encode(limited, OPERATOR) + "\n}\n";
    }

    private static NatsTestCluster cluster(SystemEventTimings timings) throws InterruptedException {
        String config = config();
        return NatsTestCluster.builder().size(3).faultInjection(true)
                .configure((member, server) -> server.configString(config).options().systemEventTimings(timings))
                .start();
    }

    private Connection connect(NatsTestCluster cluster, int member) throws Exception {
        return Nats.connect(options(cluster.url(member), creds(dir, LIMITED, NKeyPair.generate(NKeyType.USER)),
                Duration.ofSeconds(5)));
    }

    /**
     * Whether a client of the account is admitted by this very server (not another one of the
     * cluster that the client learnt from INFO); a refused one costs the 1 s connect timeout.
     */
    private static boolean connects(String url, Path creds) {
        Options options = new Options.Builder(options(url, creds, Duration.ofSeconds(1))).ignoreDiscoveredServers()
                .build();
        try (Connection connection = Nats.connect(options)) {
            return connection.getStatus() == Connection.Status.CONNECTED;
        } catch (Exception e) {
            return false;
        }
    }

    /** Member 2 holds the account's two connections; the others refuse a third. */
    private Connection[] fill(NatsTestCluster cluster) throws Exception {
        Connection[] held = {connect(cluster, 2), connect(cluster, 2)};
        Path third = creds(dir, LIMITED, NKeyPair.generate(NKeyType.USER));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !connects(cluster.url(1), third));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !connects(cluster.url(0), third));
        return held;
    }

    @Test
    void aKilledServerStopsHoldingConnectionsAfterTheOrphanTimeoutButALiveOneKeepsThem() throws Exception {
        try (NatsTestCluster cluster = cluster(SHORT)) {
            Connection[] held = fill(cluster);
            try {
                Path third = creds(dir, LIMITED, NKeyPair.generate(NKeyType.USER));
                // Twice the orphan timeout: member 2's heartbeats keep its count alive.
                Awaitility.await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                        .until(() -> !connects(cluster.url(1), third));

                cluster.kill(2);
                // Each server sweeps on its own timer: both must have forgotten member 2.
                Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> connects(cluster.url(1), third));
                Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> connects(cluster.url(0), third));
                try (Connection onOne = connect(cluster, 1); Connection onZero = connect(cluster, 0)) {
                    assertThat(onOne.getStatus()).isEqualTo(Connection.Status.CONNECTED);
                    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !connects(cluster.url(1), third));
                    assertThat(onZero.getStatus()).isEqualTo(Connection.Status.CONNECTED);
                }
            } finally {
                for (Connection connection : held) {
                    connection.close();
                }
            }
        }
    }

    @Test
    void aServerThatShutsDownCleanlyStopsHoldingConnectionsAtOnce() throws Exception {
        // nats-server's own timings: only the SHUTDOWN event can free the slot within the test.
        try (NatsTestCluster cluster = cluster(SystemEventTimings.NATS_SERVER)) {
            Connection[] held = fill(cluster);
            try {
                cluster.stop(2);
                Path third = creds(dir, LIMITED, NKeyPair.generate(NKeyType.USER));
                Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> connects(cluster.url(1), third));
            } finally {
                for (Connection connection : held) {
                    connection.close();
                }
            }
        }
    }

    @Test
    void aRestartedServerAsksForTheCountsWhenTheAccountIsFirstUsed() throws Exception {
        // nats-server's timings: the next count heartbeat is 30 s away, so only the request
        // ($SYS.REQ.ACCOUNT.<id>.CONNS) can tell the restarted server in time.
        try (NatsTestCluster cluster = cluster(SystemEventTimings.NATS_SERVER)) {
            Connection[] held = fill(cluster);
            try {
                cluster.stop(1);
                cluster.restart(1);
                // Admitted before the answers come (nats-server does the same), then closed as
                // over the limit once member 1 knows member 2's count. Member 2 may close its
                // newest too, as it sees the cluster over the limit.
                try (Connection late = connect(cluster, 1)) {
                    Awaitility.await().atMost(Duration.ofSeconds(8))
                            .until(() -> late.getStatus() != Connection.Status.CONNECTED);
                }
            } finally {
                for (Connection connection : held) {
                    connection.close();
                }
            }
        }
    }
}
