package io.jnatsd.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * {@code --signal <command>[=<pid>]}: sends a running jnatsd the Unix signal behind a
 * nats-server command, through {@code kill} so that no native code is needed. The pid is a
 * number, the path of a pid file, else read from the {@code -P} file, else that of the one
 * jnatsd server running here.
 */
final class SignalCommand {
    /** nats-server's commands and the signals they stand for (CONFIG.md §6). */
    static final Map<String, String> SIGNALS = Map.of(
            "ldm", "USR2",
            "reload", "HUP",
            "quit", "INT",
            "term", "TERM",
            "stop", "KILL",
            "reopen", "USR1");

    private final String command;
    private final String pidSource;

    private SignalCommand(String command, String pidSource) {
        this.command = command;
        this.pidSource = pidSource;
    }

    static SignalCommand parse(String value, String pidFile) throws LaunchException {
        return parse(value, pidFile, RunningServers::pids);
    }

    /**
     * Without a pid or a pid file, the one jnatsd server running here, as nats-server signals
     * the one nats-server running; none or several is an error in nats-server's words.
     */
    static SignalCommand parse(String value, String pidFile, Supplier<List<Long>> running) throws LaunchException {
        int equals = value.indexOf('=');
        String command = equals < 0 ? value : value.substring(0, equals);
        String pid = equals < 0 ? pidFile : value.substring(equals + 1);
        if (!SIGNALS.containsKey(command)) {
            throw LaunchException.of("unknown signal \"" + command + "\"");
        }
        if (pid == null || pid.isEmpty()) {
            List<Long> pids = running.get();
            if (pids.isEmpty()) {
                throw LaunchException.of("no jnatsd processes running");
            }
            if (pids.size() > 1) {
                throw LaunchException.of("multiple jnatsd processes running:\n"
                        + pids.stream().map(String::valueOf).collect(Collectors.joining("\n")));
            }
            pid = Long.toString(pids.get(0));
        }
        return new SignalCommand(command, pid);
    }

    String signalName() {
        return SIGNALS.get(command);
    }

    long pid() throws LaunchException {
        String text = pidSource;
        if (!isNumber(text)) {
            try {
                text = Files.readString(Path.of(pidSource), StandardCharsets.US_ASCII).trim();
            } catch (IOException | RuntimeException e) {
                throw LaunchException.of("invalid pid: " + pidSource);
            }
        }
        if (!isNumber(text)) {
            throw LaunchException.of("invalid pid: " + pidSource);
        }
        return Long.parseLong(text);
    }

    /** Runs {@code kill -SIG pid}; silent on success, as nats-server. */
    void send() throws LaunchException {
        long pid = pid();
        Process kill;
        String errors;
        try {
            kill = new ProcessBuilder("kill", "-" + signalName(), Long.toString(pid))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            errors = new String(kill.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (kill.waitFor() == 0) {
                return;
            }
        } catch (IOException e) {
            throw LaunchException.of("cannot run kill: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw LaunchException.of("interrupted while signalling " + pid);
        }
        String reason = errors.contains("No such process") ? "no such process" : errors;
        throw LaunchException.of("signal \"" + command + "\" " + pid + ": " + reason);
    }

    private static boolean isNumber(String text) {
        if (text.isEmpty() || text.length() > 18) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (!Character.isDigit(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
