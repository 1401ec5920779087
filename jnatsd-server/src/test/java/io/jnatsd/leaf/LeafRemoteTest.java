package io.jnatsd.leaf;

import static org.assertj.core.api.Assertions.assertThat;

import io.jnatsd.config.LeafNodeOptions;
import io.jnatsd.transport.tls.CertificatePins;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which URL a remote dials next (LEAFNODES.md §13), as nats-server picks it. */
class LeafRemoteTest {
    private static LeafRemote remote(String... urls) {
        return new LeafRemote(new LeafNodeOptions.Remote(List.of(urls).stream().map(URI::create).toList(), null, true),
                CertificatePins.NONE);
    }

    @Test
    void configuredUrlsAreTriedInTurn() {
        LeafRemote remote = remote("nats://127.0.0.1:1", "nats://127.0.0.1:2");
        assertThat(remote.next().port()).isEqualTo(1);
        assertThat(remote.next().port()).isEqualTo(2);
        assertThat(remote.next().port()).isEqualTo(1);
    }

    @Test
    void aHubWhoseInfoListsItselfFirstIsNotDialedAgainAndAgain() {
        LeafRemote remote = remote("nats://127.0.0.1:1");
        assertThat(remote.next().port()).isEqualTo(1);
        remote.learned(List.of("127.0.0.1:1", "127.0.0.1:2"));
        assertThat(remote.next().port()).as("the learned hub").isEqualTo(2);
        remote.learned(List.of("127.0.0.1:2", "127.0.0.1:1"));   // its own INFO, itself first
        assertThat(remote.next().port()).as("back to the configured hub").isEqualTo(1);
        assertThat(remote.next().port()).isEqualTo(2);
    }
}
