package io.jnatsd.sys;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The servers heard on the system account: new ones, signs of life, orphans and shutdowns. */
class RemoteServersTest {
    private final AtomicLong nanos = new AtomicLong();
    private final RemoteServers servers = new RemoteServers(nanos::get);

    @Test
    void aServerIsNewOnlyTheFirstTimeItIsHeard() {
        assertThat(servers.heard("S2", 1)).isTrue();
        assertThat(servers.heard("S2", 2)).isFalse();
        assertThat(servers.heard("S3", 7)).isTrue();
        assertThat(servers.size()).isEqualTo(2);
    }

    @Test
    void aServerSilentLongerThanTheLimitIsAnOrphanOnce() {
        servers.heard("S2", 1);
        servers.heard("S3", 1);
        nanos.addAndGet(TimeUnit.SECONDS.toNanos(100));
        servers.heard("S3", 2);
        nanos.addAndGet(TimeUnit.SECONDS.toNanos(60));
        assertThat(servers.orphans(TimeUnit.SECONDS.toNanos(150))).containsExactly("S2");
        assertThat(servers.orphans(TimeUnit.SECONDS.toNanos(150))).isEmpty();
        assertThat(servers.size()).isEqualTo(1);
    }

    @Test
    void anOldSequenceNumberIsNoSignOfLife() {
        servers.heard("S2", 5);
        nanos.addAndGet(TimeUnit.SECONDS.toNanos(149));
        servers.heard("S2", 5);
        servers.heard("S2", 4);
        nanos.addAndGet(TimeUnit.SECONDS.toNanos(2));
        assertThat(servers.orphans(TimeUnit.SECONDS.toNanos(150))).containsExactly("S2");
    }

    @Test
    void aShutdownForgetsOnlyAKnownServer() {
        servers.heard("S2", 1);
        assertThat(servers.forget("S2")).isTrue();
        assertThat(servers.forget("S2")).isFalse();
        assertThat(servers.heard("S2", 2)).isTrue();
    }
}
