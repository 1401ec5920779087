package io.jnatsd.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.event.Level;

class LogOutputTest {
    @TempDir
    Path directory;

    @Test
    void reopeningAfterARotationWritesToANewFileUnderTheOldName() throws Exception {
        LogOutput output = new LogOutput();
        Path file = directory.resolve("jnatsd.log");
        output.configure(Level.INFO, false, LogFile.open(file.toString(), 0, 0, false));

        output.write(Level.INFO, false, "before", null);
        Files.move(file, directory.resolve("jnatsd.log.1"));
        output.write(Level.INFO, false, "still old", null);
        output.reopen();
        output.write(Level.INFO, false, "after", null);
        output.stop();

        assertThat(Files.readString(directory.resolve("jnatsd.log.1"))).contains("before").contains("still old")
                .doesNotContain("after");
        assertThat(Files.readString(file)).contains("[INF] after").doesNotContain("before");
    }

    @Test
    void serverLoggersFollowTheFlagsAndOthersShowInfo() throws Exception {
        LogOutput output = new LogOutput();
        assertThat(output.enabled("io.jnatsd.server.NatsServer", Level.DEBUG)).isFalse();
        assertThat(output.enabled("io.jnatsd.server.NatsServer", Level.INFO)).isTrue();

        output.configure(Level.DEBUG, false, new StandardErrorLog(System.err, true));
        assertThat(output.enabled("io.jnatsd.server.NatsServer", Level.DEBUG)).isTrue();
        assertThat(output.enabled("io.jnatsd.server.NatsServer", Level.TRACE)).isFalse();
        assertThat(output.enabled("io.netty.channel.Channel", Level.DEBUG)).isFalse();
        assertThat(output.enabled("io.netty.channel.Channel", Level.WARN)).isTrue();
    }

    @Test
    void traceWithoutDebugShowsTraceButNoDebugLines() throws Exception {
        LogOutput output = new LogOutput();
        output.configure(Level.TRACE, true, new StandardErrorLog(System.err, true));

        assertThat(output.enabled("io.jnatsd.client.ClientConnection", Level.TRACE)).isTrue();
        assertThat(output.enabled("io.jnatsd.client.ClientConnection", Level.DEBUG)).isFalse();
        assertThat(output.enabled("io.jnatsd.client.ClientConnection", Level.INFO)).isTrue();
    }

    @Test
    void aMutedThreadGroupLogsNothingAndOtherThreadsLogAsBefore() throws Exception {
        LogOutput output = new LogOutput();
        ThreadGroup group = new ThreadGroup("muted");
        output.mute(group);
        boolean[] inGroup = new boolean[2];
        Thread thread = new Thread(group, () -> {
            inGroup[0] = output.enabled("io.jnatsd.server.NatsServer", Level.ERROR);
            inGroup[1] = output.enabled("io.netty.channel.Channel", Level.WARN);
        });
        thread.start();
        thread.join();

        assertThat(inGroup).containsExactly(false, false);
        assertThat(output.enabled("io.jnatsd.server.NatsServer", Level.INFO)).isTrue();
        assertThat(output.enabled("io.jnatsd.server.NatsServer", Level.DEBUG)).isFalse();
    }
}
