package io.jnatsd.subject;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Destinations as nats-server 2.10.27 maps them (the same cases run against it in MappingsInteropTest). */
class SubjectTransformTest {

    private static String map(String source, String destination, String subject) {
        return SubjectTransform.compile(source, destination).apply(subject);
    }

    @Test
    void literal_and_wildcard_references() {
        assertThat(map("plain", "renamed", "plain")).isEqualTo("renamed");
        assertThat(map("a.*.*", "b.{{wildcard(2)}}.{{wildcard(1)}}", "a.x.y")).isEqualTo("b.y.x");
        assertThat(map("a.*.*", "b.$2.$1", "a.x.y")).isEqualTo("b.y.x");
        assertThat(map("a.*", "b.{{ Wildcard( 1 ) }}", "a.x")).isEqualTo("b.x");
        assertThat(map("a.*", "b.$x", "a.q")).as("$ and no number is a literal").isEqualTo("b.$x");
        assertThat(map("a.*.c", "fixed", "a.b.c")).isEqualTo("fixed");
    }

    @Test
    void a_full_wildcard_carries_the_rest() {
        assertThat(map("tail.>", "moved.>", "tail.x.y.z")).isEqualTo("moved.x.y.z");
        assertThat(map("a.*.>", "b.$1.>", "a.k.r.s")).isEqualTo("b.k.r.s");
        assertThat(map(">", ">", "any.thing")).isEqualTo("any.thing");
    }

    @Test
    void functions_split_and_slice_tokens() {
        assertThat(map("s.*", "s.{{split(1,-)}}", "s.a-b--c")).isEqualTo("s.a.b.c");
        assertThat(map("s.*", "s.{{split(1,-)}}", "s.-a-")).isEqualTo("s.a");
        assertThat(map("s.*", "s.{{splitFromLeft(1,2)}}", "s.abcdef")).isEqualTo("s.ab.cdef");
        assertThat(map("s.*", "s.{{splitFromLeft(1,2)}}", "s.a")).isEqualTo("s.a");
        assertThat(map("s.*", "s.{{SplitFromRight(1,2)}}", "s.abcdef")).isEqualTo("s.abcd.ef");
        assertThat(map("s.*", "s.{{sliceFromLeft(1,3)}}", "s.abcdefgh")).isEqualTo("s.abc.def.gh");
        assertThat(map("s.*", "s.{{sliceFromRight(1,3)}}", "s.abcdefgh")).isEqualTo("s.ab.cde.fgh");
        assertThat(map("s.*", "s.{{sliceFromLeft(1,3)}}", "s.ab")).isEqualTo("s.ab");
    }

    @Test
    void partitions_hash_the_named_tokens_with_fnv1a() {
        // values nats-server 2.10.27 gave for the same mapping
        assertThat(map("p.*.*", "p.{{partition(5,1,2)}}", "p.x.y")).isEqualTo("p.2");
        assertThat(map("p.*.*", "p.{{partition(5,1,2)}}", "p.orders.42")).isEqualTo("p.1");
        assertThat(map("p.*.*", "p.{{partition(5,1,2)}}", "p.a.b")).isEqualTo("p.1");
    }

    @Test
    void invalid_destinations_are_refused_with_nats_servers_reasons() {
        assertThatThrownBy(() -> SubjectTransform.compile("a.*", "b.{{wildcard(2)}}"))
                .hasMessage("invalid mapping destination: wildcard index out of range in {{wildcard(2)}}: [2]");
        assertThatThrownBy(() -> SubjectTransform.compile("a", "b.{{wildcard(1)}}"))
                .hasMessageContaining("wildcard index out of range");
        assertThatThrownBy(() -> SubjectTransform.compile("a.*", "b.{{nope(1)}}")).hasMessageContaining("unknown function");
        assertThatThrownBy(() -> SubjectTransform.compile("a.*", "b.{{split(1)}}")).hasMessageContaining("not enough arguments");
        assertThatThrownBy(() -> SubjectTransform.compile("a.*", "b.{{splitFromLeft(1,2,3)}}")).hasMessageContaining("too many");
        assertThatThrownBy(() -> SubjectTransform.compile("a.*", "b.{{partition(x,1)}}")).hasMessageContaining("invalid or in the wrong format");
        assertThatThrownBy(() -> SubjectTransform.compile("a.>", "b")).hasMessage("invalid subject");
        assertThatThrownBy(() -> SubjectTransform.compile("a", "b.*")).hasMessage("invalid subject");
        assertThatThrownBy(() -> SubjectTransform.compile("a", "b..c")).hasMessage("invalid mapping destination: invalid subject in ");
    }
}
