package io.jnatsd.bench.report;

import io.jnatsd.bench.scenario.Latency;
import io.jnatsd.bench.scenario.ScenarioResult;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ResultTableTest {

    @Test
    void showsEachServersMessageRateAsARatioOfNatsServersForTheSameScenarioAndSize() {
        List<ScenarioResult> results = List.of(
            result("pubsub", "jnatsd", 16, 800_000),
            result("pubsub", "jnatsd", 1024, 300_000),
            result("pubsub", "nats-server", 16, 1_000_000),
            result("pubsub", "nats-server", 1024, 200_000));

        String markdown = ResultTable.of(results).markdown();

        assertThat(markdown).contains("| pubsub | 16 B | jnatsd | 800,000 | 12.8 |")
            .contains("| 0.80x |").contains("| 1.50x |");
        assertThat(markdown.indexOf("| pubsub | 16 B | nats-server")).isLessThan(markdown.indexOf("| pubsub | 1 KiB | jnatsd"));
    }

    @Test
    void showsLatencyPercentilesAndTheReasonOfAFailure() {
        ScenarioResult latency = new ScenarioResult("reqreply", "nats-server", 16, 100, 5_000, 0.08,
            new Latency(150.5, 400, 900.25), 50, 40, null);
        ScenarioResult failed = ScenarioResult.failed("reqreply", "jnatsd", 16, "server did not start");

        String plain = ResultTable.of(List.of(latency, failed)).plain();

        assertThat(plain).contains("150.5").contains("400.0").contains("900.3").contains("server did not start");
        assertThat(ResultTable.line(failed)).contains("FAILED: server did not start");
    }

    private static ScenarioResult result(String scenario, String target, int size, double rate) {
        return new ScenarioResult(scenario, target, size, (long) rate, rate, rate * size / 1e6, null, 10, 90, null);
    }
}
