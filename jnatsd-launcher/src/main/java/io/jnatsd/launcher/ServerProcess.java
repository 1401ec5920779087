package io.jnatsd.launcher;

import io.jnatsd.JnatsdServer;
import io.jnatsd.config.ServerOptions;
import java.nio.file.Path;
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
 * <p>A reload re-reads the configuration file and lays the command-line flags over it again, as
 * at start; lame duck mode ends in a shutdown the server performs by itself.
 */
final class ServerProcess {
    private static final Logger LOG = LoggerFactory.getLogger(ServerProcess.class);

    private final ServerOptions options;
    private final OptionsSource reloadSource;
    private final LogSetup logging;
    private final List<ProcessFile> processFiles = new ArrayList<>();
    private ProcessFile portsFile;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private JnatsdServer server;
    private boolean shutdownRequested;

    /** Where a reload gets its options from: the configuration file with the flags laid over it. */
    interface OptionsSource {
        ServerOptions read() throws LaunchException;
    }

    ServerProcess(ServerOptions options, OptionsSource reloadSource, LogSetup logging) {
        this.options = options;
        this.reloadSource = reloadSource;
        this.logging = logging;
    }

    synchronized void addProcessFile(ProcessFile file) {
        processFiles.add(file);
    }

    /**
     * Writes the ports file into {@code directory}, or into none when it is null, and removes
     * the one written before elsewhere: a reload that changes {@code ports_file_dir} moves the
     * file, as nats-server's does.
     */
    synchronized void writePortsFile(JnatsdServer running, String directory) throws LaunchException {
        if (portsFile != null) {
            if (directory != null && portsFile.path().getParent().equals(Path.of(directory))) {
                return;
            }
            portsFile.remove();
            processFiles.remove(portsFile);
            portsFile = null;
        }
        if (directory != null) {
            portsFile = ProcessFile.write(PortsFile.path(Path.of(directory), ProcessHandle.current().pid()),
                    PortsFile.json(running));
            processFiles.add(portsFile);
        }
    }

    /** Called once the server is ready; closes it at once if a shutdown came first. */
    synchronized void started(JnatsdServer startedServer) {
        server = startedServer;
        startedServer.server().onLoggingReload(logging::reconfigure);
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

    /** SIGHUP, {@code --signal reload}: re-read the file; the server refuses what it cannot reload. */
    void reload() {
        if (options.configFile() == null) {
            LOG.error("Failed to reload server configuration: can only reload config when a file is provided"
                    + " using -c or --config");
            return;
        }
        JnatsdServer running;
        synchronized (this) {
            running = server;
        }
        if (running == null) {
            return;
        }
        try {
            running.server().reload(reloadSource.read());
            writePortsFile(running, running.options().portsFileDir());
        } catch (LaunchException e) {
            LOG.error("Failed to reload server configuration: {}", e.getMessage());
        }
    }

    /** SIGUSR2, {@code --signal ldm}: lame duck mode, then the process exits when the server has stopped. */
    void enterLameDuckMode() {
        JnatsdServer running;
        synchronized (this) {
            running = server;
        }
        if (running == null) {
            return;
        }
        running.enterLameDuckMode();
        Thread waiter = new Thread(() -> {
            try {
                running.awaitShutdown();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            shutdown();
        }, "jnatsd-lame-duck-exit");
        waiter.setDaemon(true);
        waiter.start();
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
