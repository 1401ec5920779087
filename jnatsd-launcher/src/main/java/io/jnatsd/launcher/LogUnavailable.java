package io.jnatsd.launcher;

/**
 * A log file or syslog that cannot be opened, in nats-server's words ({@code error opening
 * file: ...}, {@code error connecting to syslog: "..."}): fatal at start, reported in the
 * current log on a reload.
 */
final class LogUnavailable extends Exception {
    LogUnavailable(String message) {
        super(message);
    }
}
