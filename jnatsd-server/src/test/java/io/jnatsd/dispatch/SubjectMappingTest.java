package io.jnatsd.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Import subject mappings: identity, prefixes, and wildcard transforms as nats-server applies them. */
class SubjectMappingTest {
    @Test
    void noTargetKeepsTheSubject() {
        assertThat(SubjectMapping.of("a.*", null).map("a.b")).isEqualTo("a.b");
    }

    @Test
    void aPrefixGoesBeforeEverySubject() {
        assertThat(SubjectMapping.prefix("orders", "ext").map("orders")).isEqualTo("ext.orders");
        assertThat(SubjectMapping.prefix("orders.>", "ext.").map("orders.x.y")).isEqualTo("ext.orders.x.y");
    }

    @Test
    void wildcardsMoveInOrderOrByPosition() {
        assertThat(SubjectMapping.of("a.*.*", "b.*.*").map("a.1.2")).isEqualTo("b.1.2");
        assertThat(SubjectMapping.of("a.*.*", "b.$2.$1").map("a.1.2")).isEqualTo("b.2.1");
        assertThat(SubjectMapping.of("a.*.*", "b.{{wildcard(2)}}.{{ wildcard(1) }}").map("a.1.2")).isEqualTo("b.2.1");
        assertThat(SubjectMapping.of("a.>", "b.>").map("a.1.2.3")).isEqualTo("b.1.2.3");
    }

    @Test
    void literalsMapToTheTarget() {
        assertThat(SubjectMapping.of("help", "ask").map("help")).isEqualTo("ask");
    }
}
