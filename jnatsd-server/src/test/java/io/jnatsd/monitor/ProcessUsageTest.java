package io.jnatsd.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The resident set size as {@code /proc/self/status} states it, read from the file's bytes. */
class ProcessUsageTest {

    @Test
    void theVmRssLineIsReadInBytes() {
        String status = "Name:\tjava\nUmask:\t0022\nState:\tS (sleeping)\nVmPeak:\t 5123456 kB\nVmHWM:\t   70000 kB\n"
                + "VmRSS:\t   68912 kB\nRssAnon:\t   30000 kB\nThreads:\t19\n";
        assertThat(ProcessUsage.vmRssBytes(bytes(status))).isEqualTo(68_912L * 1024);
        assertThat(ProcessUsage.vmRssBytes(bytes("VmRSS: 1 kB"))).isEqualTo(1024);
    }

    @Test
    void withoutAVmRssLineThereIsNoFigure() {
        assertThat(ProcessUsage.vmRssBytes(bytes("Name:\tjava\nVmRSSX\nRssAnon:\t 1 kB\n"))).isEqualTo(-1);
        assertThat(ProcessUsage.vmRssBytes(bytes("VmRSS:\t kB\n"))).isEqualTo(-1);
        assertThat(ProcessUsage.vmRssBytes(new byte[0])).isEqualTo(-1);
    }

    @Test
    void thisProcessReportsWhatItsStatusFileSays() throws Exception {
        Path status = Path.of("/proc/self/status");
        assumeTrue(Files.exists(status), "no /proc/self/status on this system");
        String line = Files.readAllLines(status).stream().filter(l -> l.startsWith("VmRSS:")).findFirst().orElseThrow();
        long linesSay = Long.parseLong(line.substring(6).replace("kB", "").trim()) * 1024;
        // The resident set moves between two reads; both are of this process, a moment apart.
        assertThat(new ProcessUsage().residentBytes()).isBetween(linesSay / 2, linesSay * 2);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
