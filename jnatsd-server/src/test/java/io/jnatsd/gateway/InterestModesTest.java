package io.jnatsd.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What goes to a remote cluster without an RS+ for it, by what the remote announced and answered (GATEWAYS.md §4). */
class InterestModesTest {

    private static InterestModes optimisticPeer() {
        InterestModes modes = new InterestModes();
        modes.peerAnnounced(false);
        return modes;
    }

    @Test
    void a_peer_that_announced_interest_only_mode_gets_nothing_without_interest() {
        InterestModes modes = new InterestModes();
        modes.peerAnnounced(true);
        assertThat(modes.sendsWithoutInterest("$G", "foo")).isFalse();
        assertThat(modes.mode("$G")).isEqualTo(InterestModes.Mode.INTEREST_ONLY);
        modes.subjectRefused("$G", "foo");
        assertThat(modes.refusedCount("$G")).isZero();
    }

    @Test
    void an_older_peer_gets_everything_until_it_refuses_a_subject() {
        InterestModes modes = optimisticPeer();
        assertThat(modes.mode("$G")).isEqualTo(InterestModes.Mode.OPTIMISTIC);
        assertThat(modes.sendsWithoutInterest("$G", "foo")).isTrue();
        modes.subjectRefused("$G", "foo");
        assertThat(modes.sendsWithoutInterest("$G", "foo")).isFalse();
        assertThat(modes.sendsWithoutInterest("$G", "bar")).isTrue();
        assertThat(modes.sendsWithoutInterest("OTHER", "foo")).isTrue();
        assertThat(modes.refusedCount("$G")).isEqualTo(1);
    }

    @Test
    void an_rs_plus_clears_the_refused_subjects_it_matches() {
        InterestModes modes = optimisticPeer();
        modes.subjectRefused("$G", "foo.a");
        modes.subjectRefused("$G", "foo.b.c");
        modes.subjectRefused("$G", "bar");
        modes.subjectWanted("$G", "foo.*");
        assertThat(modes.sendsWithoutInterest("$G", "foo.a")).isTrue();
        assertThat(modes.sendsWithoutInterest("$G", "foo.b.c")).isFalse();
        modes.subjectWanted("$G", "foo.>");
        assertThat(modes.sendsWithoutInterest("$G", "foo.b.c")).isTrue();
        modes.subjectWanted("$G", "bar");
        assertThat(modes.refusedCount("$G")).isZero();
    }

    @Test
    void a_minus_refuses_the_account_and_a_plus_starts_it_over() {
        InterestModes modes = optimisticPeer();
        modes.subjectRefused("$G", "foo");
        modes.accountRefused("$G");
        assertThat(modes.sendsWithoutInterest("$G", "bar")).isFalse();
        modes.accountWanted("$G");
        assertThat(modes.sendsWithoutInterest("$G", "bar")).isTrue();
        assertThat(modes.sendsWithoutInterest("$G", "foo")).isTrue();
    }

    @Test
    void while_switching_what_was_not_refused_still_goes_and_after_the_switch_nothing_does() {
        InterestModes modes = optimisticPeer();
        modes.subjectRefused("$G", "no");
        modes.switchStarted("$G");
        assertThat(modes.mode("$G")).isEqualTo(InterestModes.Mode.TRANSITIONING);
        assertThat(modes.sendsWithoutInterest("$G", "yes")).isTrue();
        assertThat(modes.sendsWithoutInterest("$G", "no")).isFalse();
        modes.switchCompleted("$G");
        assertThat(modes.mode("$G")).isEqualTo(InterestModes.Mode.INTEREST_ONLY);
        assertThat(modes.sendsWithoutInterest("$G", "yes")).isFalse();
        assertThat(modes.refusedCount("$G")).isZero();
        modes.subjectRefused("$G", "later");
        assertThat(modes.refusedCount("$G")).isZero();
    }
}
