package io.jnatsd.launcher;

/**
 * Entry point of {@code jnatsd.jar} and {@code bin/jnatsd}: a nats-server compatible command
 * line. Exits with the launcher's status, also to stop Netty's non-daemon threads.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        // Netty's buffer allocator emits JDK Flight Recorder events whenever JFR is present, and
        // registering them costs the first connection of a fresh server half a second. Whoever
        // records with JFR can still ask for them with -Dio.netty.jfr.enabled=true.
        if (System.getProperty("io.netty.jfr.enabled") == null) {
            System.setProperty("io.netty.jfr.enabled", "false");
        }
        System.exit(new Launcher(new NatsConfigurationFiles(), System.out, System.err).run(args));
    }
}
