package io.jnatsd.launcher;

/**
 * Entry point of {@code jnatsd.jar} and {@code bin/jnatsd}: a nats-server compatible command
 * line. Exits with the launcher's status, also to stop Netty's non-daemon threads.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(new Launcher(new NatsConfigurationFiles(), System.out, System.err).run(args));
    }
}
