package io.jnatsd.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FlushBatchTest {
    private final List<String> flushed = new ArrayList<>();

    @Test
    void connectionsOfOtherLoopsAreHandedTheirFlushBeforeThisLoopWritesItsOwn() {
        FlushBatch batch = new FlushBatch();
        batch.add(new Target("own-1", true));
        batch.add(new Target("other-1", false));
        batch.add(new Target("own-2", true));
        batch.add(new Target("other-2", false));

        batch.flush();

        assertThat(flushed).containsExactly("other-1", "other-2", "own-1", "own-2");
    }

    @Test
    void eachTargetIsFlushedOnceAndTheBatchIsEmptyAfterwards() {
        FlushBatch batch = new FlushBatch();
        Target own = new Target("own", true);
        Target other = new Target("other", false);
        for (int i = 0; i < 3; i++) {
            batch.add(own);
            batch.add(other);
        }

        batch.flush();
        batch.flush();

        assertThat(flushed).containsExactly("other", "own");
    }

    @Test
    void aTargetAddedWhileFlushingIsFlushedInTheSameCall() {
        FlushBatch batch = new FlushBatch();
        Target late = new Target("late", true);
        batch.add(new Target("adds-late", true) {
            @Override
            public void flushQueued() {
                super.flushQueued();
                batch.add(late);
            }
        });

        batch.flush();

        assertThat(flushed).containsExactly("adds-late", "late");
    }

    @Test
    void moreTargetsThanTheInitialCapacityAreAllFlushed() {
        FlushBatch batch = new FlushBatch();
        for (int i = 0; i < 40; i++) {
            batch.add(new Target("t" + i, i % 2 == 0));
        }

        batch.flush();

        assertThat(flushed).hasSize(40);
        assertThat(flushed.subList(0, 20)).allMatch(name -> Integer.parseInt(name.substring(1)) % 2 == 1);
    }

    /** A connection on this loop ({@code inline}) or another one, recording when it is flushed. */
    private class Target implements Flushable {
        private final String name;
        private final boolean inline;
        private boolean queued;

        Target(String name, boolean inline) {
            this.name = name;
            this.inline = inline;
        }

        @Override
        public boolean queueFlush() {
            if (queued) {
                return false;
            }
            queued = true;
            return true;
        }

        @Override
        public void flushQueued() {
            queued = false;
            flushed.add(name);
        }

        @Override
        public boolean flushesInline() {
            return inline;
        }

        @Override
        public boolean backlogged() {
            return false;
        }
    }
}
