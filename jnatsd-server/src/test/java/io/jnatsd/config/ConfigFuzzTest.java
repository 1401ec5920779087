package io.jnatsd.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Mutates the configuration corpus and runs every result through the configuration check and
 * the loader: whatever the bytes, the only exception allowed out is {@link ConfigException},
 * and no input may take more than {@value #PER_INPUT_SECONDS} seconds (a hang).
 *
 * <p>Fixed seeds, so a run is repeatable; a failure names its seed and input number, and the input
 * is written to {@code target/fuzz-failures/}. CI runs about {@value #DEFAULT_SECONDS} seconds;
 * {@code -Djnatsd.fuzz.seconds=N} runs longer, {@code -Djnatsd.fuzz.seed=S} picks another seed.
 */
class ConfigFuzzTest {
    private static final int DEFAULT_SECONDS = 3;
    private static final int PER_INPUT_SECONDS = 10;
    /** Characters that change a configuration's structure, more likely than random bytes to reach deep paths. */
    private static final String STRUCTURE = "{}[]()\"'#/\\:=,;\n\r\t $-.0123456789kKmMgG";
    private static final String[] WORDS = {"include ", "include ./sub/limits.conf\n", "$", "$SUB_PORT", "$2a$11$",
        "authorization", "users", "accounts", "cluster", "tls", "routes", "permissions", "nkey", "operator",
        "true", "2020-01-01T00:00:00Z", "1MB", "10s", "-1", "1.5", "\\x4", "\\u", "(\n", "\n)\n", "''", "\"\""};

    @TempDir
    Path work;

    @Test
    void no_mutation_of_the_corpus_escapes_as_anything_but_a_config_exception_or_hangs() throws Exception {
        long seconds = Long.getLong("jnatsd.fuzz.seconds", DEFAULT_SECONDS);
        long seed = Long.getLong("jnatsd.fuzz.seed", 20261204L);
        Path corpus = copyCorpus();
        List<String> seeds = new ArrayList<>();
        for (Path file : corpusFiles(corpus)) {
            seeds.add(Files.readString(file, StandardCharsets.ISO_8859_1));
        }
        Map<String, String> environment = ConfigCorpus.environment();
        SplittableRandom random = new SplittableRandom(seed);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        ExecutorService runner = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "config-fuzz");
            t.setDaemon(true);
            return t;
        });
        int inputs = 0;
        try {
            while (System.nanoTime() < deadline) {
                String text = mutate(seeds.get(random.nextInt(seeds.size())), seeds, random);
                Path file = corpus.resolve(random.nextBoolean() ? "valid" : "invalid").resolve("fuzz.conf");
                Files.writeString(file, text, StandardCharsets.ISO_8859_1);
                Future<?> run = runner.submit(() -> checkAndLoad(file, environment));
                inputs++;
                try {
                    run.get(PER_INPUT_SECONDS, TimeUnit.SECONDS);
                } catch (TimeoutException hang) {
                    throw new AssertionError(failure("hangs", seed, inputs, text), hang);
                } catch (java.util.concurrent.ExecutionException escaped) {
                    throw new AssertionError(failure("throws " + escaped.getCause(), seed, inputs, text),
                            escaped.getCause());
                }
            }
        } finally {
            runner.shutdownNow();
        }
        assertThat(inputs).as("inputs tried").isPositive();
    }

    /** What -t and start-up do with a file; ConfigException is their way of saying no. */
    private static void checkAndLoad(Path file, Map<String, String> environment) {
        ConfigCheck.check(file, environment);
        try {
            StartupChecks.problems(ConfigLoader.load(file, environment));
        } catch (ConfigException expected) {
            // a refused file
        }
    }

    private static String mutate(String seed, List<String> seeds, SplittableRandom random) {
        StringBuilder text = new StringBuilder(seed);
        int edits = 1 + random.nextInt(8);
        for (int i = 0; i < edits; i++) {
            int at = text.isEmpty() ? 0 : random.nextInt(text.length() + 1);
            switch (random.nextInt(9)) {
                case 0 -> text.insert(at, STRUCTURE.charAt(random.nextInt(STRUCTURE.length())));
                case 1 -> text.insert(at, (char) random.nextInt(256));
                case 2 -> text.insert(at, WORDS[random.nextInt(WORDS.length)]);
                case 3 -> {
                    if (at < text.length()) {
                        text.delete(at, Math.min(text.length(), at + 1 + random.nextInt(16)));
                    }
                }
                case 4 -> {
                    if (at < text.length()) {
                        text.setCharAt(at, STRUCTURE.charAt(random.nextInt(STRUCTURE.length())));
                    }
                }
                case 5 -> text.insert(at, String.valueOf("[{(".charAt(random.nextInt(3))).repeat(1 + random.nextInt(3000)));
                case 6 -> text.insert(at, "a: {".repeat(1 + random.nextInt(400)));
                case 7 -> {
                    String other = seeds.get(random.nextInt(seeds.size()));
                    int from = random.nextInt(other.length() + 1);
                    text.insert(at, other, from, Math.min(other.length(), from + random.nextInt(200)));
                }
                default -> text.setLength(at);
            }
        }
        return text.toString();
    }

    private static String failure(String what, long seed, int input, String text) {
        Path saved = Path.of("target", "fuzz-failures", "seed-" + seed + "-input-" + input + ".conf");
        try {
            Files.createDirectories(saved.getParent());
            Files.writeString(saved, text, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return "configuration input " + input + " of seed " + seed + " " + what + " (saved as " + saved.toAbsolutePath() + ")";
    }

    /** The corpus copied, so mutated files sit beside the include targets they may name. */
    private Path copyCorpus() throws IOException {
        Path source = ConfigCorpus.root();
        Path target = work.resolve("configs");
        try (Stream<Path> files = Files.walk(source)) {
            for (Path from : files.toList()) {
                Path to = target.resolve(source.relativize(from).toString());
                if (Files.isDirectory(from)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(from, to);
                }
            }
        }
        return target;
    }

    private static List<Path> corpusFiles(Path corpus) throws IOException {
        try (Stream<Path> files = Files.walk(corpus)) {
            return files.filter(p -> p.toString().endsWith(".conf")).sorted().toList();
        }
    }
}
