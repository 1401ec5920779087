package io.jnatsd.launcher;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Unix signals through {@code sun.misc.Signal} (module jdk.unsupported, present in every
 * OpenJDK). A trapped SIGINT or SIGTERM no longer runs the JVM's shutdown hooks: the action
 * is responsible for the shutdown, which lets the process exit 0 as nats-server after SIGINT.
 * Each signal runs its action on a fresh thread the JVM starts for it.
 */
final class ProcessSignals {
    private static final Logger LOG = LoggerFactory.getLogger(ProcessSignals.class);

    private ProcessSignals() {
    }

    /**
     * Runs the action whenever the signal arrives; false if the signal cannot be trapped
     * (the JVM uses it, or the platform lacks it). A signal the parent started us ignoring
     * stays ignored: unlike Go, the JVM does not take it back (a background job of a script
     * ignores SIGINT, {@code nohup} ignores SIGHUP), which is worth a warning.
     *
     * @param name the signal without its SIG prefix, e.g. {@code TERM}
     * @param description Go's name for it, which nats-server's debug line quotes
     */
    static boolean trap(String name, String description, Runnable action) {
        try {
            SignalHandler previous = Signal.handle(new Signal(name), signal -> {
                LOG.debug("Trapped \"{}\" signal", description);
                action.run();
            });
            if (previous == SignalHandler.SIG_IGN) {
                LOG.warn("SIG{} was ignored when the process started and stays ignored", name);
                return false;
            }
            return true;
        } catch (IllegalArgumentException | LinkageError e) {
            LOG.debug("Cannot trap SIG{}: {}", name, e.getMessage());
            return false;
        }
    }
}
