package io.jnatsd.bench.target;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class LaunchedTargetTest {

    @TempDir
    Path logs;

    @Test
    void aServerThatExitsAtOnceFailsFastWithItsStatus() {
        LaunchedTarget target = new LaunchedTarget("broken", "false", logs, Duration.ofSeconds(60));
        long start = System.nanoTime();

        assertThatThrownBy(() -> target.open(Topology.SINGLE))
            .isInstanceOf(IOException.class).hasMessageContaining("exited with status 1");
        assertThat(System.nanoTime() - start).isLessThan(Duration.ofSeconds(10).toNanos());
    }

    @Test
    void aClusterIsMeshedWhenOpenReturnsAndStoppedWhenClosed() throws IOException {
        LaunchedTarget target = new LaunchedTarget("nats-server", NatsServerBinary.require(), logs, Duration.ofSeconds(20));
        List<Long> pids;

        try (ServerGroup cluster = target.open(Topology.CLUSTER_OF_THREE)) {
            pids = cluster.pids();
            assertThat(cluster.clientAddresses()).hasSize(3).doesNotHaveDuplicates();
            for (long pid : pids) {
                assertThat(ProcessHandle.of(pid)).get().matches(ProcessHandle::isAlive);
            }
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> pids.stream()
            .allMatch(pid -> ProcessHandle.of(pid).map(handle -> !handle.isAlive()).orElse(true)));
        try (var logFiles = Files.list(logs)) {
            assertThat(logFiles.map(file -> file.getFileName().toString()))
                .anyMatch(name -> name.startsWith("nats-server-cluster-B-"));
        }
    }
}
