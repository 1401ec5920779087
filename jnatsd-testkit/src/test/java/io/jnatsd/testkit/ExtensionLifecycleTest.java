package io.jnatsd.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.nats.client.Connection;
import java.io.IOException;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/** Runs small test classes through the JUnit launcher and checks what is left running after them. */
class ExtensionLifecycleTest {
    /** Ports and connections the example classes saw; read after they ran. */
    static final List<Integer> PORTS = new CopyOnWriteArrayList<>();
    static final List<Connection> CONNECTIONS = new CopyOnWriteArrayList<>();

    @Test
    void serversClustersAndConnectionsAreClosedEvenWhenTheTestsFail() {
        PORTS.clear();
        CONNECTIONS.clear();
        TestExecutionSummary summary = run(FailingExample.class);
        assertThat(summary.getTestsFailedCount()).isEqualTo(2);
        assertThat(PORTS).as("shared, own, two members and a cluster port").hasSize(5);
        for (int port : PORTS) {
            assertThat(accepts(port)).as("port %d after the class", port).isFalse();
        }
        assertThat(CONNECTIONS).isNotEmpty().allMatch(c -> c.getStatus() == Connection.Status.CLOSED);
    }

    @Test
    void aConnectionWithoutAServerToConnectToIsAClearFailure() {
        TestExecutionSummary summary = run(AmbiguousExample.class);
        assertThat(summary.getTestsFailedCount()).isEqualTo(1);
        assertThat(summary.getFailures().get(0).getException())
                .hasMessageContaining("exactly one @NatsServer or @NatsCluster");
    }

    private static TestExecutionSummary run(Class<?> testClass) {
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request().selectors(selectClass(testClass)).build();
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        launcher.execute(request, listener);
        return listener.getSummary();
    }

    private static boolean accepts(int port) {
        try (Socket ignored = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException refused) {
            return false;
        }
    }

    @JnatsdTest
    static class FailingExample {
        @NatsServer
        static NatsTestServer shared;

        @NatsCluster(size = 2)
        NatsTestCluster cluster;

        @Test
        void failsWithAServerAndAConnection(@NatsServer NatsTestServer own, Connection nc) {
            PORTS.add(shared.port());
            PORTS.add(own.port());
            CONNECTIONS.add(nc);
            throw new AssertionError("deliberate");
        }

        @Test
        void failsWithACluster() {
            for (int i = 0; i < cluster.size(); i++) {
                PORTS.add(cluster.member(i).port());
            }
            PORTS.add(cluster.member(0).server().cluster().listenPort());
            throw new AssertionError("deliberate");
        }
    }

    @JnatsdTest
    static class AmbiguousExample {
        @NatsServer
        NatsTestServer one;

        @NatsServer
        NatsTestServer two;

        @Test
        void wantsAConnection(Connection nc) {
            List<Connection> unused = new ArrayList<>();
            unused.add(nc);
        }
    }
}
