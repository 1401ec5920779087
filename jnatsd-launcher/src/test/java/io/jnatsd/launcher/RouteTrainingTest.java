package io.jnatsd.launcher;

import static org.assertj.core.api.Assertions.assertThatCode;

import org.junit.jupiter.api.Test;

/**
 * The archive's training start forms a route between two servers of its own: {@link RouteTraining#run}
 * fails unless both route pools fill and a message published on one server reaches a subscriber
 * on the other.
 */
class RouteTrainingTest {
    @Test
    void theTrainingRouteFillsItsPoolsAndCarriesAMessage() {
        assertThatCode(RouteTraining::run).doesNotThrowAnyException();
    }
}
