package io.jnatsd.leaf;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JetStreamDenyTest {

    @Test
    void subjectsUnderTheDeniedPrefixesAreDeniedAndOthersPass() {
        assertThat(JetStreamDeny.CLIENT.denies("$JS.API.INFO")).isTrue();
        assertThat(JetStreamDeny.CLIENT.denies("$KV.bucket.key")).isTrue();
        assertThat(JetStreamDeny.CLIENT.denies("$OBJ.x")).isTrue();
        assertThat(JetStreamDeny.CLIENT.denies("$KV.")).as("no token after the prefix").isFalse();
        assertThat(JetStreamDeny.CLIENT.denies("$KV")).isFalse();
        assertThat(JetStreamDeny.CLIENT.denies("$JS.dom.API.INFO")).as("a domain's API crosses").isFalse();
        assertThat(JetStreamDeny.CLIENT.denies("$JSC.x")).isFalse();
        assertThat(JetStreamDeny.SYSTEM.denies("$JSC.x")).isTrue();
        assertThat(JetStreamDeny.SYSTEM.denies("$NRG.x")).isTrue();
        assertThat(JetStreamDeny.CLIENT.denies("orders.new")).isFalse();
        assertThat(JetStreamDeny.NONE.denies("$KV.b.k")).isFalse();
    }

    @Test
    void wildcardsAreDeniedTokenByTokenAsNatsServerMatchesThem() {
        assertThat(JetStreamDeny.CLIENT.denies("$KV.>")).isTrue();
        assertThat(JetStreamDeny.CLIENT.denies("$KV.*.k")).isTrue();
        assertThat(JetStreamDeny.CLIENT.denies(">")).isFalse();
        assertThat(JetStreamDeny.CLIENT.denies("$JS.>")).isFalse();
    }
}
