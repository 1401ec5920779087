package io.jnatsd.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import io.jnatsd.config.MappingOptions;
import io.jnatsd.config.MappingOptions.Destination;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AccountMappingsTest {

    private static AccountMappings of(String cluster, MappingOptions... mappings) {
        return AccountMappings.of(List.of(mappings), () -> cluster);
    }

    private static Map<String, Integer> counts(AccountMappings mappings, String subject, int draws) {
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < draws; i++) {
            counts.merge(String.valueOf(mappings.map(subject)), 1, Integer::sum);
        }
        return counts;
    }

    @Test
    void no_mappings_is_null_so_the_publish_path_tests_one_field() {
        assertThat(AccountMappings.of(List.of(), () -> "")).isNull();
    }

    @Test
    void literal_and_wildcard_sources_and_subjects_no_mapping_names() {
        AccountMappings mappings = of("", MappingOptions.to("a", "b"), MappingOptions.to("w.*", "x.$1"));
        assertThat(mappings.map("a")).isEqualTo("b");
        assertThat(mappings.map("w.q")).isEqualTo("x.q");
        assertThat(mappings.map("other")).isEqualTo("other");
        assertThat(mappings.sources()).containsExactly("a", "w.*");
    }

    @Test
    void weights_below_100_leave_the_rest_on_the_original_subject() {
        AccountMappings mappings = of("", new MappingOptions("s", List.of(new Destination("t", 30, ""))));
        Map<String, Integer> counts = counts(mappings, "s", 20_000);
        assertThat(counts.keySet()).containsExactlyInAnyOrder("s", "t");
        assertThat(counts.get("t")).isBetween(5_000, 7_000);
    }

    @Test
    void the_original_subject_as_a_destination_means_the_rest_is_dropped() {
        AccountMappings mappings = of("", new MappingOptions("s", List.of(new Destination("s", 0, ""))));
        assertThat(counts(mappings, "s", 200)).containsOnlyKeys("null");
        AccountMappings half = of("", new MappingOptions("s", List.of(new Destination("s", 50, ""))));
        assertThat(counts(half, "s", 20_000).get("null")).isBetween(9_000, 11_000);
    }

    @Test
    void destinations_split_by_weight() {
        AccountMappings mappings = of("", new MappingOptions("s",
                List.of(new Destination("a", 20, ""), new Destination("b", 80, ""))));
        Map<String, Integer> counts = counts(mappings, "s", 20_000);
        assertThat(counts).containsOnlyKeys("a", "b");
        assertThat(counts.get("a")).isBetween(3_400, 4_600);
    }

    @Test
    void cluster_scoped_destinations_apply_only_in_their_cluster() {
        MappingOptions scoped = new MappingOptions("s", List.of(new Destination("east", 100, "EAST")));
        assertThat(of("EAST", scoped).map("s")).isEqualTo("east");
        assertThat(of("WEST", scoped).map("s")).as("no destination for this cluster: unchanged").isEqualTo("s");
    }

    @Test
    void a_mapping_that_does_not_compile_is_left_out() {
        assertThat(of("", MappingOptions.to("a.*", "b.{{wildcard(3)}}"))).isNull();
    }
}
