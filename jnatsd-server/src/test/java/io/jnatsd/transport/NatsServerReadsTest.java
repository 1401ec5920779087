package io.jnatsd.transport;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NatsServerReadsTest {

    @Test
    void nothingIsLeftUnreadWithoutAStop() {
        NatsServerReads reads = new NatsServerReads();
        reads.read(100_000);
        assertThat(reads.leftUnread()).isFalse();
    }

    @Test
    void aStopInTheFirstReadLeavesWhatComesAfterItsFiveHundredAndTwelveBytes() {
        NatsServerReads fits = new NatsServerReads();
        fits.stop(512, 18);
        fits.read(512);
        assertThat(fits.leftUnread()).isFalse();

        NatsServerReads over = new NatsServerReads();
        over.stop(1021, 18);
        over.read(1021);
        assertThat(over.leftUnread()).isTrue();
    }

    @Test
    void bytesArrivingAfterTheStopCountWhenTheyGoPastNatsServersRead() {
        NatsServerReads reads = new NatsServerReads();
        reads.stop(100, 18);
        reads.read(100);
        assertThat(reads.leftUnread()).isFalse();
        reads.read(412);   // still within the 512 bytes nats-server asked for
        assertThat(reads.leftUnread()).isFalse();
        reads.read(1);
        assertThat(reads.leftUnread()).isTrue();
    }

    @Test
    void aFullReadDoublesTheNextOne() {
        NatsServerReads reads = new NatsServerReads();
        reads.stop(1600, 958);   // reads of 512 and then 1,024 bytes: the stop is in the second, ending at 1,536
        reads.read(1536);
        assertThat(reads.leftUnread()).isFalse();
        reads.read(1);
        assertThat(reads.leftUnread()).isTrue();

        NatsServerReads grown = new NatsServerReads();
        grown.read(512);          // a full read: the next one takes 1,024
        grown.stop(1024, 10);
        grown.read(1024);
        assertThat(grown.leftUnread()).isFalse();
    }

    @Test
    void shortReadsShrinkTheBufferAfterMoreThanTwo() {
        NatsServerReads reads = new NatsServerReads();
        reads.read(10);
        reads.read(10);
        reads.read(10);           // the third short read in a row: 256 bytes from now on
        reads.stop(300, 5);
        reads.read(300);
        assertThat(reads.leftUnread()).isTrue();

        NatsServerReads twoShort = new NatsServerReads();
        twoShort.read(10);
        twoShort.read(10);
        twoShort.stop(300, 5);
        twoShort.read(300);
        assertThat(twoShort.leftUnread()).isFalse();
    }
}
