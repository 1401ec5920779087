package io.jnatsd.config;

import io.jnatsd.config.ConfigValue.ArrayValue;
import io.jnatsd.config.ConfigValue.BooleanValue;
import io.jnatsd.config.ConfigValue.DatetimeValue;
import io.jnatsd.config.ConfigValue.FloatValue;
import io.jnatsd.config.ConfigValue.IntegerValue;
import io.jnatsd.config.ConfigValue.StringValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigParserTest {

    private static ConfigMap parse(String text) {
        return ConfigParser.parseText("t.conf", text, Map.of());
    }

    private static ConfigValue value(String text) {
        return parse("v: " + text + "\n").entry("v").value();
    }

    private static void assertError(String text, String message) {
        assertThatThrownBy(() -> parse(text)).isInstanceOf(ConfigException.class).hasMessageContaining(message);
    }

    @Test
    void colon_equals_and_whitespace_all_separate_a_key_from_its_value() {
        ConfigMap map = parse("a: 1\nb = 2\nc 3\nd:4\ne=5");
        assertThat(map.entries()).extracting(e -> ((IntegerValue) e.value()).value()).containsExactly(1L, 2L, 3L, 4L, 5L);
    }

    @Test
    void newlines_semicolons_and_commas_separate_entries() {
        ConfigMap map = parse("a: 1; b: 2, c: 3\nd: 4");
        assertThat(map.entries()).extracting(ConfigEntry::key).containsExactly("a", "b", "c", "d");
    }

    @Test
    void blocks_open_with_or_without_a_separator() {
        ConfigMap map = parse("a { x: 1 }\nb: { x: 2 }\nc = { x: 3 }\nd {\n x: 4\n}");
        for (String key : List.of("a", "b", "c", "d")) {
            assertThat(map.entry(key).value()).isInstanceOf(ConfigMap.class);
        }
        assertThat(((ConfigMap) map.entry("d").value()).entry("x").value()).isEqualTo(new IntegerValue(4, new ConfigPosition("t.conf", 5, 5)));
    }

    @Test
    void arrays_take_commas_newlines_and_comments_between_elements() {
        ArrayValue array = (ArrayValue) value("[\n a, b # one\n c // two\n 'd'\n]");
        assertThat(array.elements()).extracting(v -> ((StringValue) v).value()).containsExactly("a", "b", "c", "d");
        assertThat(((ArrayValue) value("[]")).elements()).isEmpty();
    }

    @Test
    void hash_and_double_slash_comments_run_to_the_end_of_the_line() {
        ConfigMap map = parse("# a\n// b\nx: 1 # c\ny: 2 // d\nz { # e\n w: 3 // f\n}");
        assertThat(map.entries()).extracting(ConfigEntry::key).containsExactly("x", "y", "z");
    }

    @Test
    void a_hash_inside_an_unquoted_value_is_kept() {
        assertThat(value("abc#def")).isEqualTo(new StringValue("abc#def", new ConfigPosition("t.conf", 1, 4)));
    }

    @Test
    void double_quoted_strings_unescape_and_single_quoted_strings_stay_raw() {
        assertThat(((StringValue) value("\"a\\tb\\n\\\"c\\\\ \\x41\"")).value()).isEqualTo("a\tb\n\"c\\ A");
        assertThat(((StringValue) value("'a\\tb'")).value()).isEqualTo("a\\tb");
        assertThat(((StringValue) value("unquoted-value")).value()).isEqualTo("unquoted-value");
    }

    @ParameterizedTest
    @CsvSource({"true,true", "TRUE,true", "yes,true", "Yes,true", "on,true", "oN,true", "false,false", "no,false", "OFF,false"})
    void unquoted_boolean_words_in_any_case_are_booleans(String word, boolean expected) {
        assertThat(((BooleanValue) value(word)).value()).isEqualTo(expected);
    }

    @Test
    void quoted_boolean_words_are_strings() {
        assertThat(value("\"true\"")).isInstanceOf(StringValue.class);
        assertThat(value("trueX")).isInstanceOf(StringValue.class);
    }

    @ParameterizedTest
    @CsvSource({"12,12", "-5,-5", "1k,1000", "1K,1000", "1kb,1024", "1ki,1024", "1KiB,1024", "2m,2000000",
            "2MB,2097152", "1mi,1048576", "1g,1000000000", "1gb,1073741824", "1t,1000000000000",
            "1tb,1099511627776", "1p,1000000000000000", "1e,1000000000000000000", "-5k,-5000", "012,12"})
    void integers_take_size_suffixes(String text, long expected) {
        assertThat(((IntegerValue) value(text)).value()).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"10ms", "12abc", "12kx", "12kibx", "1_000", "0x10", "12:30", "127.0.0.1:4222", "1.2.3", "1.5.", "12b"})
    void values_starting_with_digits_that_are_not_numbers_are_strings(String text) {
        assertThat(((StringValue) value(text)).value()).isEqualTo(text);
    }

    @Test
    void floats_and_datetimes_have_their_own_types() {
        assertThat(((FloatValue) value("0.5")).value()).isEqualTo(0.5);
        assertThat(((FloatValue) value("-1.5")).value()).isEqualTo(-1.5);
        assertThat(((DatetimeValue) value("2006-01-02T15:04:05Z")).value()).isEqualTo(Instant.parse("2006-01-02T15:04:05Z"));
    }

    @Test
    void a_number_directly_before_a_closing_bracket_swallows_it_like_nats_server() {
        assertThatThrownBy(() -> parse("v: [10, 50]\n")).isInstanceOf(ConfigException.class);
        assertThat(((ArrayValue) value("[10, 50 ]")).elements()).hasSize(2);
        assertThat(((ArrayValue) value("[10ms, 50ms]")).elements()).hasSize(2);
    }

    @Test
    void a_parenthesis_block_is_raw_text_up_to_a_line_holding_only_a_closing_parenthesis() {
        assertThat(((StringValue) value("(\nline (1)\nline 2\n)")).value()).isEqualTo("\nline (1)\nline 2\n");
    }

    @Test
    void variables_resolve_from_the_innermost_block_outwards_and_mark_the_key_used() {
        ConfigMap map = parse("N = top\nb { N = inner, x: $N }\ny: $N");
        ConfigMap block = (ConfigMap) map.entry("b").value();
        assertThat(((StringValue) block.entry("x").value()).value()).isEqualTo("inner");
        assertThat(((StringValue) map.entry("y").value()).value()).isEqualTo("top");
        assertThat(map.entry("N").usedAsVariable()).isTrue();
        assertThat(block.entry("N").usedAsVariable()).isTrue();
        assertThat(map.entry("y").usedAsVariable()).isFalse();
    }

    @Test
    void a_variable_reference_takes_the_position_of_the_reference() {
        ConfigMap map = parse("N = 5\n\nport: $N");
        assertThat(map.entry("port").value()).isEqualTo(new IntegerValue(5, new ConfigPosition("t.conf", 3, 7)));
    }

    @Test
    void variables_must_be_defined_before_use_and_are_case_sensitive() {
        assertError("port: $x\nx = 5", "variable reference for 'x' on line 1 can not be found");
        assertThatThrownBy(() -> parse("x = 5\nport: $X")).isInstanceOf(ConfigException.class)
                .hasMessage("variable reference for 'X' on line 2 can not be found");
    }

    @Test
    void environment_variables_are_parsed_as_configuration_values() {
        ConfigMap map = ConfigParser.parseText("t.conf", "a: $MP\nb: $LIST\nc: $TEXT",
                Map.of("MP", "2MB", "LIST", "[1, 2 ]", "TEXT", "\"hello world\""));
        assertThat(((IntegerValue) map.entry("a").value()).value()).isEqualTo(2097152);
        assertThat(((ArrayValue) map.entry("b").value()).elements()).hasSize(2);
        assertThat(((StringValue) map.entry("c").value()).value()).isEqualTo("hello world");
    }

    @Test
    void an_environment_value_that_does_not_parse_is_an_error() {
        assertThatThrownBy(() -> ConfigParser.parseText("t.conf", "a: $T", Map.of("T", "hello world")))
                .hasMessageContaining("variable reference for 'T' on line 1 could not be parsed: ");
    }

    @Test
    void file_variables_win_over_environment_variables() {
        ConfigMap map = ConfigParser.parseText("t.conf", "P = 1\na: $P", Map.of("P", "2"));
        assertThat(((IntegerValue) map.entry("a").value()).value()).isEqualTo(1);
    }

    @Test
    void an_unquoted_2a_bcrypt_hash_is_a_string_but_other_prefixes_are_variables() {
        assertThat(((StringValue) value("$2a$11$abc")).value()).isEqualTo("$2a$11$abc");
        assertError("p: $2y$10$abc", "variable reference for '2y$10$abc' on line 1 can not be found");
    }

    @Test
    void a_repeated_key_keeps_the_last_value() {
        ConfigMap map = parse("port: 1\nport: 2");
        assertThat(map.entries()).hasSize(1);
        assertThat(((IntegerValue) map.entry("port").value()).value()).isEqualTo(2);
    }

    @Test
    void braces_around_a_whole_file_are_ignored() {
        assertThat(parse("{\n port: 1\n}").entry("port")).isNotNull();
    }

    @Test
    void keys_may_be_quoted_and_may_be_followed_by_their_value_on_the_next_line_at_top_level() {
        ConfigMap map = parse("\"a b\": 1\n'c': 2\nd\n  3");
        assertThat(map.entries()).extracting(ConfigEntry::key).containsExactly("a b", "c", "d");
    }

    @Test
    void includes_are_relative_to_the_including_file_and_merge_into_the_current_block(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("sub/deeper"));
        Files.writeString(dir.resolve("main.conf"), "include ./sub/a.conf\nb { include \"sub/b.conf\" }\nx: $FROM_A");
        Files.writeString(dir.resolve("sub/a.conf"), "FROM_A = 7\ninclude deeper/c.conf");
        Files.writeString(dir.resolve("sub/deeper/c.conf"), "c: 3");
        Files.writeString(dir.resolve("sub/b.conf"), "inner: 1");
        ConfigMap map = ConfigParser.parseFile(dir.resolve("main.conf"), Map.of());
        assertThat(((IntegerValue) map.entry("x").value()).value()).isEqualTo(7);
        assertThat(((IntegerValue) map.entry("c").value()).value()).isEqualTo(3);
        assertThat(map.entry("c").keyPosition().file()).endsWith("c.conf");
        assertThat(((ConfigMap) map.entry("b").value()).entry("inner")).isNotNull();
    }

    @Test
    void an_included_file_does_not_see_the_variables_of_the_including_file(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("main.conf"), "q = 5\ninclude w.conf");
        Files.writeString(dir.resolve("w.conf"), "port: $q");
        assertThatThrownBy(() -> ConfigParser.parseFile(dir.resolve("main.conf"), Map.of()))
                .hasMessage("error parsing include file 'w.conf', variable reference for 'q' on line 1 can not be found");
    }

    @Test
    void include_problems_are_reported(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("missing.conf"), "include ./nope.conf");
        assertThatThrownBy(() -> ConfigParser.parseFile(dir.resolve("missing.conf"), Map.of()))
                .hasMessageContaining("error parsing include file './nope.conf', open ")
                .hasMessageContaining("no such file or directory");
        Files.writeString(dir.resolve("loop.conf"), "include loop.conf");
        assertThatThrownBy(() -> ConfigParser.parseFile(dir.resolve("loop.conf"), Map.of()))
                .hasMessageContaining("include cycle");
        assertThatThrownBy(() -> ConfigParser.parseFile(dir.resolve("absent.conf"), Map.of()))
                .hasMessageContaining("error opening config file");
    }

    @Test
    void syntax_errors_name_the_line_and_option_errors_the_file_line_and_column_in_nats_server_numbering() {
        assertThatThrownBy(() -> parse("a: 1\n  b: \"open")).isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).errors()).containsExactly("Parse error on line 2: 'Unexpected EOF.'"));
        assertThatThrownBy(() -> parse("a {\n b: 1 }\n c { d")).isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).errors())
                        .containsExactly("Parse error on line 3: 'Unexpected EOF processing map key.'"));
        assertThatThrownBy(() -> parse("v")).isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).errors()).containsExactly("config is invalid (t.conf:1:1)"));
        assertThat(new ConfigPosition("f", 1, 1).toString()).isEqualTo("f:1:0");
        assertThat(new ConfigPosition("f", 2, 1).toString()).isEqualTo("f:2:1");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "v: \"abc|Unexpected EOF.",
            "v: \"a\\qb\"|Invalid escape character 'q'",
            "v: \"\\xZZ\"|Expected two hexadecimal digits after '\\x', but got 'ZZ'",
            "v: 1.5k|Expected a top-level value to end with a new line, comment or EOF, but got 'k' instead.",
            "v: 12.abc|Floats must have a digit after the '.', but got 'a' instead.",
            "v: .5|Floats must start with a digit",
            "v: -a|Expected a digit but got 'a'.",
            "v: 12-3|All ISO8601 dates must be in full Zulu form.",
            "v: 2006-01-02x|Expected 'T' in ISO8601 datetime, but found 'x' instead.",
            "v: 2006-13-02T15:04:05Z|expected Zulu formatted DateTime, but got '2006-13-02T15:04:05Z'",
            "v: 99999999999999999999|integer '99999999999999999999' is out of the range",
            "v: 12kbb|invalid size suffix in '12kbb'",
            "v: -12abc|but got 'a' instead.",
            "a { b: 1 c: 2 }|Expected a map value terminator \",\" or a map terminator \"}\", but got 'c' instead.",
            "a { b: 1|Expected a map value terminator \",\" or a map terminator \"}\", but got '\0' instead.",
            "a { b: , }|Unexpected map value terminator \",\".",
            "v: [1,,2]|Unexpected array value terminator ','.",
            "v: [a b]|Expected an array value terminator",
            "v: [a|Expected an array value terminator \",\" or an array terminator \"]\", but got '\0' instead.",
            ": 1|Unexpected key separator ':'",
            "v|config is invalid (t.conf:1:1)",
            "include [x]|Expected include value but found start of an array",
            "include {x}|Expected include value but found start of a map",
            "include 12|Expected include value but found start of a number",
            "v: (\\nabc|Unexpected EOF processing block."})
    void syntax_errors_use_nats_server_wording(String text, String message) {
        assertError(text.replace("\\n", "\n"), message);
    }

    @Test
    void a_key_left_without_a_value_takes_the_value_of_the_map_it_stands_in_as_nats_server_reads_it() {
        ConfigMap map = parse("a { b }\nc: 1");
        assertThat(map.entry("a")).isNull();
        assertThat(map.entry("b").value()).isInstanceOf(ConfigMap.class);
        assertThat(map.entry("c")).isNotNull();
        ConfigMap nested = parse("x { a { b } }");
        assertThat(nested.entry("x")).isNull();
        assertThat(((ConfigMap) nested.entry("a").value()).entry("b")).isNotNull();
    }

    @Test
    void an_opening_quote_at_the_very_end_ends_the_input_as_nats_server_reads_it() {
        assertThat(parse("a: 1\nb: [2, \"").entry("a")).isNotNull();
        assertThat(parse("a: 1\nb: [2, \"").entry("b")).isNull();
        assertThat(parse("a: 1\n'").entry("a")).isNotNull();
        assertError("a: 1\nb: \"", "config is invalid (t.conf:2:5)");
    }

    @Test
    void a_single_quote_ends_an_unquoted_value_and_an_unclosed_one_is_an_error() {
        assertError("v: abc'x", "but got 'x' instead.");
        assertError("v: 'abc", "Unexpected EOF.");
    }

    @Test
    void a_value_may_not_start_on_the_next_line_after_a_top_level_separator() {
        assertError("port:\n4333", "Expected value but found new line");
        assertThat(parse("a {\n b:\n  1\n}").entry("a")).isNotNull();
    }
}
