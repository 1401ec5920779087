package io.jnatsd.gateway;

import io.jnatsd.subject.Subjects;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How one outbound gateway connection decides to send a message for which the remote cluster
 * announced no interest (GATEWAYS.md §4.3, §4.4). A peer that announced {@code gateway_iom}
 * (nats-server 2.9 and later, and jnatsd) gets nothing without interest, ever. An older peer starts
 * every account <em>optimistic</em>: we send, and it answers what it does not want —
 * {@code RS- <acc> <subject>} for one subject, {@code A- <acc>} for the whole account, {@code A+}
 * to take that back. When it has refused too many subjects of an account (nats-server's threshold
 * is 1000) it switches that account to interest-only: INFO {@code gateway_cmd} 2, RS+ for all its
 * interest, INFO {@code gateway_cmd} 3.
 *
 * <p>While an account is <em>transitioning</em> (between 2 and 3) a message still goes when the
 * subject was not refused, as before the switch, or when an RS+ already received matches it: the
 * union loses nothing while the RS+ lines arrive (nats-server holds back an RS+ for a subject it had
 * refused until 3). Changed on the connection's loop, read from any loop.
 */
final class InterestModes {
    /** The names {@code /gatewayz?accs=1} shows. */
    enum Mode {
        OPTIMISTIC("Optimistic"), TRANSITIONING("Transitioning"), INTEREST_ONLY("Interest-Only");

        private final String shown;

        Mode(String shown) {
            this.shown = shown;
        }

        String shown() {
            return shown;
        }
    }

    /** One account of an optimistic peer: its mode, whether it refused the whole account, which subjects. */
    private static final class AccountState {
        private volatile Mode mode = Mode.OPTIMISTIC;
        private volatile boolean refused;
        private final Set<String> refusedSubjects = ConcurrentHashMap.newKeySet();
    }

    private volatile boolean interestOnlyPeer = true;
    private final Map<String, AccountState> accounts = new ConcurrentHashMap<>();

    /** The peer's INFO said whether it announces interest-only mode ({@code gateway_iom}). */
    void peerAnnounced(boolean interestOnly) {
        interestOnlyPeer = interestOnly;
    }

    boolean optimisticPeer() {
        return !interestOnlyPeer;
    }

    /** Whether a message on {@code subject} goes to the remote although no RS+ of it matches. */
    boolean sendsWithoutInterest(String account, String subject) {
        if (interestOnlyPeer) {
            return false;
        }
        AccountState state = accounts.get(account);
        if (state == null) {
            return true;
        }
        return !state.refused && state.mode != Mode.INTEREST_ONLY && !state.refusedSubjects.contains(subject);
    }

    /** RS- of a plain subscription: in an optimistic or transitioning account, the subject is refused. */
    void subjectRefused(String account, String subject) {
        if (!interestOnlyPeer) {
            AccountState state = accounts.computeIfAbsent(account, a -> new AccountState());
            if (state.mode != Mode.INTEREST_ONLY) {
                state.refusedSubjects.add(subject);
            }
        }
    }

    /** RS+ of a plain subscription: what it matches is no longer refused (a wildcard clears every subject it covers). */
    void subjectWanted(String account, String subject) {
        AccountState state = accounts.get(account);
        if (state == null || state.refusedSubjects.isEmpty()) {
            return;
        }
        if (Subjects.isValidLiteralSubject(subject)) {
            state.refusedSubjects.remove(subject);
        } else {
            state.refusedSubjects.removeIf(refused -> Subjects.matches(subject, refused));
        }
    }

    /** {@code A- <acc>}: nothing of the account without an RS+ for it. */
    void accountRefused(String account) {
        if (!interestOnlyPeer) {
            AccountState state = accounts.computeIfAbsent(account, a -> new AccountState());
            state.refused = true;
            state.refusedSubjects.clear();
        }
    }

    /** {@code A+ <acc>}: the account starts over, optimistic (as nats-server drops its entry). */
    void accountWanted(String account) {
        if (!interestOnlyPeer) {
            accounts.remove(account);
        }
    }

    /** {@code gateway_cmd} 2: the remote is about to send all its interest in the account. */
    void switchStarted(String account) {
        accounts.computeIfAbsent(account, a -> new AccountState()).mode = Mode.TRANSITIONING;
    }

    /** {@code gateway_cmd} 3: from now on only what an RS+ matches goes. */
    void switchCompleted(String account) {
        AccountState state = accounts.computeIfAbsent(account, a -> new AccountState());
        state.mode = Mode.INTEREST_ONLY;
        state.refused = false;
        state.refusedSubjects.clear();
    }

    Mode mode(String account) {
        if (interestOnlyPeer) {
            return Mode.INTEREST_ONLY;
        }
        AccountState state = accounts.get(account);
        return state == null ? Mode.OPTIMISTIC : state.mode;
    }

    /** How many subjects of the account the remote refused ({@code no_interest_count}). */
    int refusedCount(String account) {
        AccountState state = accounts.get(account);
        return state == null ? 0 : state.refusedSubjects.size();
    }
}
