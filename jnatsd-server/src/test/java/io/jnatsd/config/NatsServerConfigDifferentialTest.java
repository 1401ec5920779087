package io.jnatsd.config;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs {@code $NATS_SERVER_210 -t -c FILE} on every corpus file (in the file's directory, with the
 * corpus environment) and requires the same verdict from {@link ConfigCheck} and from the folder the
 * file lives in. Skipped when NATS_SERVER_210 is not set.
 */
@EnabledIfEnvironmentVariable(named = "NATS_SERVER_210", matches = ".+",
        disabledReason = "NATS_SERVER_210 is not set: skipping the comparison with nats-server 2.10")
class NatsServerConfigDifferentialTest {

    @TestFactory
    Stream<DynamicTest> jnatsd_and_nats_server_agree_on_every_corpus_file() {
        String natsServer = System.getenv("NATS_SERVER_210");
        Assumptions.assumeTrue(natsServer != null && !natsServer.isBlank(),
                "NATS_SERVER_210 is not set: skipping the comparison with nats-server 2.10 "
                        + "(the reference-servers tool of the shared workspace sets it)");
        return Stream.of("valid", "invalid").flatMap(folder -> ConfigCorpus.files(folder).stream()
                .map(file -> DynamicTest.dynamicTest(folder + "/" + file.getFileName(), () -> {
                    NatsVerdict nats = natsServerVerdict(natsServer, file);
                    boolean jnatsd = ConfigCheck.check(file, ConfigCorpus.environment()).valid();
                    assertThat(nats.valid()).as("nats-server on %s said: %s", file, nats.output())
                            .isEqualTo(folder.equals("valid"));
                    assertThat(jnatsd).as("jnatsd verdict on %s (nats-server said: %s)", file, nats.output())
                            .isEqualTo(nats.valid());
                })));
    }

    private record NatsVerdict(boolean valid, String output) {
    }

    private static NatsVerdict natsServerVerdict(String natsServer, Path file) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(natsServer, "-t", "-c", file.getFileName().toString())
                .directory(file.getParent().toFile())
                .redirectErrorStream(true);
        builder.environment().putAll(ConfigCorpus.environment());
        Process process = builder.start();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("nats-server -t did not finish on " + file);
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        return new NatsVerdict(process.exitValue() == 0, output);
    }
}
