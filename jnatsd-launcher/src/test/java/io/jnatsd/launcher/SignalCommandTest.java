package io.jnatsd.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SignalCommandTest {
    @TempDir
    Path directory;

    @Test
    void commandsMapToTheSignalsNatsServerSends() throws Exception {
        assertThat(SignalCommand.parse("ldm=1", null).signalName()).isEqualTo("USR2");
        assertThat(SignalCommand.parse("reload=1", null).signalName()).isEqualTo("HUP");
        assertThat(SignalCommand.parse("quit=1", null).signalName()).isEqualTo("INT");
        assertThat(SignalCommand.parse("term=1", null).signalName()).isEqualTo("TERM");
        assertThat(SignalCommand.parse("stop=1", null).signalName()).isEqualTo("KILL");
        assertThat(SignalCommand.parse("reopen=1", null).signalName()).isEqualTo("USR1");
    }

    @Test
    void thePidIsANumberAPidFileOrTheDashPFile() throws Exception {
        Path pidFile = Files.writeString(directory.resolve("j.pid"), "4242\n");
        assertThat(SignalCommand.parse("reload=77", null).pid()).isEqualTo(77);
        assertThat(SignalCommand.parse("reload=" + pidFile, null).pid()).isEqualTo(4242);
        assertThat(SignalCommand.parse("reload", pidFile.toString()).pid()).isEqualTo(4242);
        assertThat(SignalCommand.parse("reload=78", pidFile.toString()).pid()).isEqualTo(78);
    }

    @Test
    void withoutAPidTheOneRunningServerIsSignalled() throws Exception {
        assertThat(SignalCommand.parse("reload", null, () -> List.of(4242L)).pid()).isEqualTo(4242L);
        assertThat(SignalCommand.parse("reload", "7", () -> List.of(4242L)).pid()).isEqualTo(7L);
    }

    @Test
    void aServerIsALauncherJvmThatIsNotAOneShotCommand() {
        assertThat(RunningServers.isServer(new String[] {"-XX:+UseSerialGC", "-jar", "/opt/x/jnatsd.jar", "-c", "a.conf"}))
                .isTrue();
        assertThat(RunningServers.isServer(new String[] {"-cp", "x", "io.jnatsd.launcher.Main", "-p", "-1"})).isTrue();
        assertThat(RunningServers.isServer(new String[] {"-jar", "/opt/x/jnatsd.jar", "--signal", "reload"})).isFalse();
        assertThat(RunningServers.isServer(new String[] {"-Djnatsd.training=true", "-jar", "/opt/x/jnatsd.jar"}))
                .isFalse();
        assertThat(RunningServers.isServer(new String[] {"-jar", "/opt/other.jar"})).isFalse();
    }

    @Test
    void unknownSignalsAndUnreadablePidsAreErrors() {
        assertThatThrownBy(() -> SignalCommand.parse("bogus=1", null)).hasMessage("jnatsd: unknown signal \"bogus\"");
        assertThatThrownBy(() -> SignalCommand.parse("reload", null, List::of))
                .hasMessage("jnatsd: no jnatsd processes running");
        assertThatThrownBy(() -> SignalCommand.parse("reload", null, () -> List.of(12L, 34L)))
                .hasMessage("jnatsd: multiple jnatsd processes running:\n12\n34");
        assertThatThrownBy(() -> SignalCommand.parse("reload=" + directory.resolve("none.pid"), null).pid())
                .hasMessageStartingWith("jnatsd: invalid pid: ");
    }

    @Test
    void signallingAProcessThatDoesNotExistFails() throws Exception {
        Process exited = new ProcessBuilder("true").start();
        exited.waitFor();
        assertThatThrownBy(() -> SignalCommand.parse("reopen=" + exited.pid(), null).send())
                .hasMessage("jnatsd: signal \"reopen\" " + exited.pid() + ": no such process");
    }
}
