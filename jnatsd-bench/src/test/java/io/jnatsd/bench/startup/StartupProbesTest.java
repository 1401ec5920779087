package io.jnatsd.bench.startup;

import io.jnatsd.bench.target.ByteCountingProxy;
import io.jnatsd.bench.target.FreePorts;
import io.jnatsd.bench.target.LaunchedTarget;
import io.jnatsd.bench.target.NatsServerBinary;
import io.jnatsd.bench.target.RouteCertificates;
import io.jnatsd.bench.target.RouteVariant;
import io.jnatsd.bench.target.ServerGroup;
import io.jnatsd.bench.target.Topology;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The start-up probes against the reference nats-server, which starts in milliseconds. */
class StartupProbesTest {

    @TempDir
    Path logs;

    private LaunchedTarget natsServer() {
        return new LaunchedTarget("nats-server", NatsServerBinary.require(), logs, Duration.ofSeconds(20));
    }

    @Test
    void aSingleStartIsTimedToTheFirstInfoAndTheFirstPong() throws IOException {
        LaunchedTarget target = natsServer();
        int port = FreePorts.take(1).get(0);

        StartProbe.StartTiming timing = StartProbe.measure(target.command(Topology.SINGLE, 0, List.of(port)),
            new InetSocketAddress("127.0.0.1", port), logs.resolve("single.log"), Duration.ofSeconds(20), null);

        assertThat(timing.launchToInfo()).isPositive().isGreaterThanOrEqualTo(timing.firstInfoWait());
        assertThat(timing.connectToPong()).isPositive();
        assertThat(timing.rssMebibytes()).isPositive();
    }

    @Test
    void aTlsStartIsAnsweredAfterTheHandshake() throws IOException {
        LaunchedTarget target = natsServer();
        RouteCertificates certificates = RouteCertificates.create(logs.resolve("tls"));
        int port = FreePorts.take(1).get(0);
        List<String> command = new ArrayList<>(target.command(Topology.SINGLE, 0, List.of(port)));
        command.addAll(List.of("--tls", "--tlscert", certificates.certificate().toString(),
            "--tlskey", certificates.key().toString()));

        StartProbe.StartTiming timing = StartProbe.measure(command, new InetSocketAddress("127.0.0.1", port),
            logs.resolve("tls.log"), Duration.ofSeconds(20), certificates.authority());

        assertThat(timing.connectToPong()).isPositive();
    }

    @Test
    void aServerThatExitsFailsTheStartAtOnce() {
        int port = 1;
        assertThatThrownBy(() -> StartProbe.measure(List.of("false"), new InetSocketAddress("127.0.0.1", port),
            logs.resolve("false.log"), Duration.ofSeconds(20), null)).hasMessageContaining("exited");
    }

    @Test
    void threeServersStartedTogetherAreTimedUntilAllDeliver() throws IOException {
        MeshProbe.MeshTiming timing = MeshProbe.measure(natsServer(), 3, Duration.ofSeconds(20));

        assertThat(timing.launchToDelivering()).isPositive();
    }

    @Test
    void inProcessServersStartedTogetherAreTimedUntilAllDeliver() throws IOException {
        MeshProbe.MeshTiming timing = InProcessMesh.measure(4, Duration.ofSeconds(20));

        assertThat(timing.launchToDelivering()).isPositive();
        assertThat(timing.cpu()).isPositive();
    }

    @Test
    void interestPropagationIsMeasuredOnAMeshedCluster() throws IOException {
        try (ServerGroup cluster = natsServer().open(Topology.CLUSTER_OF_THREE)) {
            InterestProbe.Propagation propagation = InterestProbe.measure(cluster, 5, 20);

            assertThat(propagation.p50FromSub()).isPositive().isLessThanOrEqualTo(propagation.p90FromSub());
            assertThat(propagation.p50FromPong()).isLessThanOrEqualTo(propagation.p90FromPong());
            assertThat(propagation.p50Withdrawal()).isPositive().isLessThanOrEqualTo(propagation.p90Withdrawal());
        }
    }

    @Test
    void aRouteThatComesUpAgainIsTimedFromItsFirstConnectionToTheFirstDelivery() throws IOException {
        try (ByteCountingProxy relay = ByteCountingProxy.listen()) {
            LaunchedTarget relayed = new LaunchedTarget("nats-server", NatsServerBinary.require(), logs,
                Duration.ofSeconds(20), RouteVariant.DEFAULT, null, relay);
            try (ServerGroup cluster = relayed.open(Topology.CLUSTER_OF_THREE)) {
                RouteUpProbe.RouteUp routeUp = RouteUpProbe.measure(cluster, relay, 2);

                assertThat(routeUp.p50()).isPositive().isLessThanOrEqualTo(routeUp.p90());
            }
        }
    }
}
