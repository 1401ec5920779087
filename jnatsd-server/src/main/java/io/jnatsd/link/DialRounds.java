package io.jnatsd.link;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

/**
 * Which URL of a remote to dial next (GATEWAYS.md §2.2, §7): every round tries all known URLs in a
 * fresh random order and takes the first that connects; a remote dialed forever (explicit) never
 * runs out, one with a round limit (implicit: {@code 1 + connect_retries}) does. Not thread-safe:
 * one owner at a time.
 */
public final class DialRounds {
    public static final int FOREVER = -1;

    private final int maxRounds;
    private List<String> round = List.of();
    private int next;
    private int roundsStarted;

    /** @param maxRounds {@link #FOREVER} or the number of full rounds before giving up */
    public DialRounds(int maxRounds) {
        this.maxRounds = maxRounds;
    }

    /**
     * The next URL to try, or null when the current round is over (then {@link #startRound}).
     */
    public String next() {
        return next < round.size() ? round.get(next++) : null;
    }

    /**
     * Starts a new round over {@code urls} in random order.
     *
     * @return false when the round limit is used up
     */
    public boolean startRound(Collection<String> urls) {
        if (maxRounds != FOREVER && roundsStarted >= maxRounds) {
            return false;
        }
        roundsStarted++;
        List<String> shuffled = new ArrayList<>(urls);
        Collections.shuffle(shuffled);
        round = shuffled;
        next = 0;
        return true;
    }

    /** Whether the current round has URLs left to try. */
    public boolean hasNext() {
        return next < round.size();
    }

    /** Rounds started so far: the attempt number nats-server logs. */
    public int attempt() {
        return roundsStarted;
    }

    /** A connection registered: the count starts again for the next outage. */
    public void reset() {
        roundsStarted = 0;
        round = List.of();
        next = 0;
    }
}
