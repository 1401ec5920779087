package io.jnatsd.launcher;

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

    /** A flag error worded like Go's flag package; the usage text follows it. */
    static LaunchException usage(String message) {
        return new LaunchException(message, true);
    }

    boolean showUsage() {
        return showUsage;
    }
}
