package io.jnatsd.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DialRoundsTest {

    @Test
    void everyRoundTriesEveryUrlOnce() {
        DialRounds rounds = new DialRounds(DialRounds.FOREVER);
        List<String> urls = List.of("a:1", "b:2", "c:3");
        for (int round = 1; round <= 5; round++) {
            assertThat(rounds.startRound(urls)).isTrue();
            List<String> tried = new ArrayList<>();
            while (rounds.hasNext()) {
                tried.add(rounds.next());
            }
            assertThat(tried).containsExactlyInAnyOrderElementsOf(urls);
            assertThat(rounds.attempt()).isEqualTo(round);
        }
    }

    @Test
    void aLimitedRemoteRunsOutOfRoundsUntilItConnects() {
        DialRounds rounds = new DialRounds(2);
        assertThat(rounds.startRound(List.of("a:1"))).isTrue();
        rounds.next();
        assertThat(rounds.startRound(List.of("a:1"))).isTrue();
        rounds.next();
        assertThat(rounds.startRound(List.of("a:1"))).isFalse();
        rounds.reset();
        assertThat(rounds.startRound(List.of("a:1"))).isTrue();
    }
}
