package io.jnatsd.bench.target;

import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProcessStatsTest {

    private final long ownPid = ProcessHandle.current().pid();

    @Test
    void readsCpuTimeMemoryAndFileLimitOfARunningProcess() throws IOException {
        assertThat(ProcessStats.ownCpuNanos()).isPositive();
        assertThat(ProcessStats.cpuNanos(ownPid)).isPositive();
        assertThat(ProcessStats.residentKibibytes(ownPid)).isPositive()
            .isLessThanOrEqualTo(ProcessStats.peakResidentKibibytes(ownPid));
        assertThat(ProcessStats.openFilesLimit(ownPid)).isPositive();
    }

    @Test
    void aProcessThatIsGoneGivesAnIOException() throws Exception {
        Process exited = new ProcessBuilder("true").start();
        exited.waitFor();

        assertThatThrownBy(() -> ProcessStats.cpuNanos(exited.pid())).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> ProcessStats.residentKibibytes(exited.pid())).isInstanceOf(IOException.class);
    }
}
