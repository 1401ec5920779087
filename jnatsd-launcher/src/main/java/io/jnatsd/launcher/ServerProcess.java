package io.jnatsd.launcher;

import io.jnatsd.JnatsdServer;
import io.jnatsd.config.ServerOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This process as a server: what it does when a signal arrives, and the files it removes at
 * exit. Signals are trapped before the server starts, as a supervisor may signal as soon as
 * the pid file exists; a shutdown asked for during start-up happens right after it.
 *
 * <p>Reload and lame duck mode are seams: the server library does not offer them yet, so
 * they log what is missing and leave the server as it is.
 */
final class ServerProcess {
    private static final Logger LOG = LoggerFactory.getLogger(ServerProcess.class);

    private final ServerOptions options;
    private final LogSetup logging;
    private final List<ProcessFile> processFiles = new ArrayList<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private JnatsdServer server;
    private boolean shutdownRequested;

    ServerProcess(ServerOptions options, LogSetup logging) {
        this.options = options;
        this.logging = logging;
    }

    synchronized void addProcessFile(ProcessFile file) {
        processFiles.add(file);
    }

    /** Called once the server is ready; closes it at once if a shutdown came first. */
    synchronized void started(JnatsdServer startedServer) {
        server = startedServer;
        if (shutdownRequested) {
            shutdown();
        }
    }

    /** SIGINT, SIGTERM, {@code --signal quit|term}. */
    void shutdown() {
        JnatsdServer toClose;
        synchronized (this) {
            shutdownRequested = true;
            toClose = server;
            server = null;
        }
        if (toClose != null) {
            toClose.close();
            stopped.countDown();
        }
    }

    /** SIGHUP, {@code --signal reload}: to be wired to the configuration parser and a server reload. */
    void reload() {
        if (options.configFile() == null) {
            LOG.error("Failed to reload server configuration: can only reload config when a file is provided"
                    + " using -c or --config");
            return;
        }
        LOG.error("Failed to reload server configuration: configuration reload is not supported yet");
    }

    /** SIGUSR2, {@code --signal ldm}: to be wired to the server's lame duck mode. */
    void enterLameDuckMode() {
        LOG.warn("Lame duck mode is not yet supported, the server keeps running");
    }

    /** SIGUSR1, {@code --signal reopen}. */
    void reopenLogFile() {
        logging.reopen();
    }

    /**
     * Connects every signal nats-server reacts to with its action. Where SIGINT or SIGTERM
     * cannot be trapped the JVM's own handling stays, and a shutdown hook does the work.
     */
    void trapSignals() {
        boolean interrupt = ProcessSignals.trap("INT", "interrupt", this::shutdown);
        boolean terminate = ProcessSignals.trap("TERM", "terminated", this::shutdown);
        if (!interrupt || !terminate) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                shutdown();
                removeProcessFiles();
            }, "jnatsd-shutdown"));
        }
        ProcessSignals.trap("HUP", "hangup", this::reload);
        ProcessSignals.trap("USR1", "user defined signal 1", this::reopenLogFile);
        ProcessSignals.trap("USR2", "user defined signal 2", this::enterLameDuckMode);
    }

    /** Returns once a shutdown has closed the server, then removes the process files. */
    void awaitShutdown() throws InterruptedException {
        stopped.await();
        removeProcessFiles();
    }

    /** The pid and ports files go with the process (nats-server leaves its pid file behind). */
    synchronized void removeProcessFiles() {
        processFiles.forEach(ProcessFile::remove);
    }
}
