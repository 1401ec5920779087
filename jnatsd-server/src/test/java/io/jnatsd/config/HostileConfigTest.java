package io.jnatsd.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Hostile shapes a configuration can take: nats-server 2.10.27 reports arrays nested 100,000 deep
 * as a clean error and hangs on a file that includes itself; jnatsd must end each with a clean
 * {@link ConfigException} (never a {@link StackOverflowError}, another exception or a hang).
 * Found by {@link ConfigFuzzTest} too: NUL characters and bytes that are not UTF-8.
 */
class HostileConfigTest {
    private static final int LIMIT = ConfigParser.MAX_NESTING;

    @TempDir
    Path dir;

    private static ConfigMap parse(String text) {
        return ConfigParser.parseText("t.conf", text, Map.of());
    }

    @Test
    void arrays_nested_5000_deep_and_maps_3000_deep_are_a_clean_error() {
        for (String deep : new String[] {"a: " + "[".repeat(5000) + "1" + "]".repeat(5000),
                "a: " + "[".repeat(100_000), "a: " + "{b: ".repeat(3000) + "1" + "}".repeat(3000),
                "a: " + "[{b: ".repeat(3000)}) {
            assertThatThrownBy(() -> parse(deep)).isInstanceOf(ConfigException.class)
                    .hasMessageMatching("t\\.conf:1:\\d+: Maps and arrays nested more than " + LIMIT + " levels deep are not supported\\.");
        }
    }

    @Test
    void nesting_up_to_the_limit_parses_even_on_a_small_thread_stack() throws InterruptedException {
        String deepest = "a: " + "[{b: ".repeat(LIMIT / 2) + "1" + "}]".repeat(LIMIT / 2);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread small = new Thread(null, () -> {
            try {
                parse(deepest);
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "small-stack", 512 * 1024);
        small.start();
        small.join();
        assertThat(failure.get()).isNull();
        assertThat(catchThrowable(() -> parse("a: " + "[".repeat(LIMIT + 1) + "]".repeat(LIMIT + 1))))
                .isInstanceOf(ConfigException.class);
    }

    @Test
    void top_level_braces_nest_without_bound() {
        ConfigMap map = parse("{".repeat(100_000) + "port: 1" + "}".repeat(100_000));
        assertThat(map.entry("port")).isNotNull();
    }

    @Test
    void the_depth_counts_across_includes_and_environment_values() throws IOException {
        Files.writeString(dir.resolve("inner.conf"), "b: " + "[".repeat(150) + "]".repeat(150));
        Files.writeString(dir.resolve("main.conf"), "a: " + "{x: ".repeat(150) + "{ include inner.conf }"
                + "}".repeat(150));
        assertThatThrownBy(() -> ConfigParser.parseFile(dir.resolve("main.conf"), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("inner.conf:1:")
                .hasMessageContaining("nested more than " + LIMIT + " levels");
        Map<String, String> environment = Map.of("DEEP", "[".repeat(150) + "]".repeat(150));
        assertThatThrownBy(() -> ConfigParser.parseText("t.conf", "a: " + "[".repeat(150) + "$DEEP" + "]".repeat(150),
                environment)).isInstanceOf(ConfigException.class).hasMessageContaining("nested more than " + LIMIT + " levels");
    }

    @Test
    void files_that_include_themselves_or_each_other_are_a_clean_error() throws IOException {
        Files.writeString(dir.resolve("self.conf"), "port: 1\ninclude ./self.conf\n");
        Files.writeString(dir.resolve("a.conf"), "a { include b.conf }\n");
        Files.writeString(dir.resolve("b.conf"), "include ./sub/../a.conf\n");
        Files.createSymbolicLink(dir.resolve("link.conf"), dir.resolve("viaLink.conf"));
        Files.writeString(dir.resolve("viaLink.conf"), "include link.conf\n");
        for (String file : new String[] {"self.conf", "a.conf", "viaLink.conf"}) {
            ConfigCheck.Result check = ConfigCheck.check(dir.resolve(file), Map.of());
            assertThat(check.valid()).as(file).isFalse();
            assertThat(check.errors()).as(file).singleElement().asString().contains("include cycle");
        }
    }

    @Test
    void includes_that_repeat_each_other_without_a_cycle_stop_at_the_file_budget() throws IOException {
        for (int level = 0; level < 30; level++) {
            String next = "l" + (level + 1) + ".conf";
            Files.writeString(dir.resolve("l" + level + ".conf"), "include " + next + "\ninclude " + next + "\n");
        }
        Files.writeString(dir.resolve("l30.conf"), "port: 1\n");
        ConfigCheck.Result check = ConfigCheck.check(dir.resolve("l0.conf"), Map.of());
        assertThat(check.valid()).isFalse();
        assertThat(check.errors()).singleElement().asString()
                .contains("more than " + ConfigParser.MAX_INCLUDED_FILES + " files included");
    }

    @Test
    void a_nul_character_reads_as_the_end_where_it_stands_as_nats_server_reads_it() throws IOException {
        // each text with what nats-server 2.10.27's -t printed for it
        String[][] cases = {
            {"port: 1 # c\0\n", "Parse error on line 1: 'Unexpected EOF.'"},
            {"port: 1\n\0", "Parse error on line 2: 'Unexpected EOF.'"},
            {"a { b: \"\0\" }\n", "Parse error on line 1: 'Unexpected EOF.'"},
            {"include \"a\0b\"\n", "Parse error on line 1: 'Unexpected EOF in double quoted include'"},
            {"a { b: 1\0 }", "Parse error on line 1: 'Expected a map value terminator \",\" or a map terminator \"}\", but got '\0' instead.'"},
            {"a: x\0y", "nul.conf:1:6)"}, // config is invalid (<file>:1:6)
        };
        for (String[] c : cases) {
            Path file = Files.writeString(dir.resolve("nul.conf"), c[0]);
            ConfigCheck.Result check = ConfigCheck.check(file, Map.of());
            assertThat(check.valid()).as(c[0]).isFalse();
            assertThat(check.errors()).as(c[0]).singleElement().asString().endsWith(c[1]);
        }
        // after a value a NUL ends the entry like a new line, and the file reads on
        assertThat(parse("port: 1\0port: 2").entry("port")).isNotNull();
    }

    @Test
    void bytes_that_are_not_utf8_are_read_as_nats_server_reads_them() throws IOException {
        Path file = dir.resolve("latin1.conf");
        Files.write(file, "port: 4222 # caf\u00e9\nserver_name: \"\u00ff\u00fe\"\n".getBytes(StandardCharsets.ISO_8859_1));
        ConfigCheck.Result check = ConfigCheck.check(file, Map.of());
        assertThat(check.problems()).isEmpty();
        assertThat(ConfigLoader.load(file, Map.of()).serverName()).isEqualTo("\ufffd\ufffd");
    }
}
