package io.jnatsd.launcher;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * The launcher cannot go on: the message is printed on stderr as it is and the process exits
 * with status 1, after the usage text when the command line itself was wrong.
 */
final class LaunchException extends Exception {
    private final boolean showUsage;

    private LaunchException(String message, boolean showUsage) {
        super(message);
        this.showUsage = showUsage;
    }

    /** An error of jnatsd's own, printed as {@code jnatsd: message} like nats-server's. */
    static LaunchException of(String message) {
        return new LaunchException("jnatsd: " + message, false);
    }

    /**
     * What nats-server reports through Go's standard logger before its own exists (a log file or
     * syslog that cannot be opened): {@code 2006/01/02 15:04:05 message}, local time.
     */
    static LaunchException fatal(String message) {
        String now = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss"));
        return new LaunchException(now + " " + message, false);
    }

    /** A flag error worded like Go's flag package; the usage text follows it. */
    static LaunchException usage(String message) {
        return new LaunchException(message, true);
    }

    boolean showUsage() {
        return showUsage;
    }
}
