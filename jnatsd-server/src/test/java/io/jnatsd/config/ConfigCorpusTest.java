package io.jnatsd.config;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class ConfigCorpusTest {

    @TestFactory
    Stream<DynamicTest> every_file_in_the_valid_folder_passes_the_check() {
        return ConfigCorpus.files("valid").stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
            ConfigCheck.Result result = ConfigCheck.check(file, ConfigCorpus.environment());
            assertThat(result.problems()).as("problems of %s", file).isEmpty();
            assertThat(result.valid()).isTrue();
        }));
    }

    @TestFactory
    Stream<DynamicTest> every_file_in_the_invalid_folder_fails_the_check_with_nats_servers_message() {
        return ConfigCorpus.files("invalid").stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
            ConfigCheck.Result result = ConfigCheck.check(file, ConfigCorpus.environment());
            assertThat(result.valid()).as("verdict for %s", file).isFalse();
            assertThat(result.problems()).isNotEmpty();
            // nats-server's syntax errors name a line, its variable and include errors carry no
            // position, nor do a few of its option errors (a gateways list or a permission that is
            // not one); every other one does
            assertThat(result.problems()).allSatisfy(p -> assertThat(p)
                    .matches("(?s)(.+\\.conf(:\\d+:\\d+)?: |Parse error on line \\d+: '|config is invalid \\("
                            + "|variable reference for |error parsing include file "
                            + "|Expected gateways field |Expected subject permissions |subject \").+"));
        }));
    }

    @TestFactory
    Stream<DynamicTest> the_corpus_is_large_enough() {
        return Stream.of(DynamicTest.dynamicTest("at least 40 files", () ->
                assertThat(ConfigCorpus.files("valid").size() + ConfigCorpus.files("invalid").size()).isGreaterThanOrEqualTo(40)));
    }

}
