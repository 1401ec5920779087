package io.jnatsd.transport;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** How many connection loops a server runs: one per core, or what -Djnatsd.eventLoops says. */
class EventLoopsTest {
    private static final String PROPERTY = "jnatsd.eventLoops";

    @AfterEach
    void clearProperty() {
        System.clearProperty(PROPERTY);
    }

    @Test
    void oneLoopPerCoreUnlessTold() {
        assertThat(EventLoops.connectionLoopCount()).isEqualTo(Runtime.getRuntime().availableProcessors());
    }

    @Test
    void thePropertySetsTheLoopCount() {
        System.setProperty(PROPERTY, "1");
        assertThat(EventLoops.connectionLoopCount()).isEqualTo(1);
        System.setProperty(PROPERTY, "3");
        assertThat(EventLoops.connectionLoopCount()).isEqualTo(3);
    }

    @Test
    void neverFewerThanOneLoop() {
        System.setProperty(PROPERTY, "0");
        assertThat(EventLoops.connectionLoopCount()).isEqualTo(1);
    }
}
