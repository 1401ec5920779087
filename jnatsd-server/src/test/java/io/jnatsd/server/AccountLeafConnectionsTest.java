package io.jnatsd.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The leaf limit count: this server's leafs of an account plus the ones other servers report. */
class AccountLeafConnectionsTest {
    private final Map<String, Long> local = new HashMap<>();
    private final AccountLeafConnections leafs = new AccountLeafConnections(a -> local.getOrDefault(a, 0L));

    private boolean join(String account, long limit) {
        return leafs.join(account, limit, () -> local.merge(account, 1L, Long::sum));
    }

    @Test
    void aLeafJoinsWhileTheClusterHasFewerThanTheLimit() {
        assertThat(join("A", 2)).isTrue();
        assertThat(join("A", 2)).isTrue();
        assertThat(join("A", 2)).isFalse();
        assertThat(local.get("A")).isEqualTo(2);
        assertThat(join("B", -1)).isTrue();
    }

    @Test
    void aLimitOfZeroTakesNoLeafAndMinusOneTakesAny() {
        assertThat(join("A", 0)).isFalse();
        for (int i = 0; i < 100; i++) {
            assertThat(join("B", -1)).isTrue();
        }
    }

    @Test
    void otherServersLeafsCountUntilTheServerIsForgotten() {
        assertThat(leafs.reported("S2", "A", 1, 1)).isZero();
        assertThat(join("A", 1)).isFalse();
        leafs.forgetServer("S2");
        assertThat(join("A", 1)).isTrue();
    }

    @Test
    void aReportThatPutsTheClusterOverTheLimitClosesThatManyLocalLeafs() {
        join("A", -1);
        join("A", -1);
        assertThat(leafs.reported("S2", "A", 1, 2)).isEqualTo(1);
        assertThat(leafs.reported("S2", "A", 5, 2)).isEqualTo(2);   // never more than this server has
        assertThat(leafs.reported("S2", "A", 0, 2)).isZero();
        assertThat(leafs.reported("S2", "A", 3, -1)).isZero();
    }
}
