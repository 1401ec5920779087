package io.jnatsd.launcher;

import java.util.Arrays;
import java.util.List;

/**
 * The jnatsd servers running on this machine under this user, for a {@code --signal} that names
 * no process: nats-server looks its own up by process name; a jnatsd server is a JVM running the
 * launcher's jar or main class. Signal commands, version and check runs, and the class-archive
 * training start are not servers to signal.
 */
final class RunningServers {
    private static final String MAIN_CLASS = "io.jnatsd.launcher.Main";
    private static final List<String> NOT_A_SERVER = List.of("--signal", "-signal", "-sl", "--sl",
            "-Djnatsd.training=true", "-t", "--version", "-v", "version", "--help", "-h", "help");

    private RunningServers() {
    }

    /** Their process ids, lowest first, this process left out. */
    static List<Long> pids() {
        long self = ProcessHandle.current().pid();
        return ProcessHandle.allProcesses()
                .filter(process -> process.pid() != self)
                .filter(process -> process.info().arguments().map(RunningServers::isServer).orElse(false))
                .map(ProcessHandle::pid)
                .sorted()
                .toList();
    }

    static boolean isServer(String[] arguments) {
        List<String> args = Arrays.asList(arguments);
        boolean launcher = args.contains(MAIN_CLASS) || args.stream().anyMatch(a -> a.endsWith("/jnatsd.jar"));
        return launcher && args.stream().noneMatch(a -> NOT_A_SERVER.contains(a) || a.startsWith("--signal=")
                || a.startsWith("-sl="));
    }
}
