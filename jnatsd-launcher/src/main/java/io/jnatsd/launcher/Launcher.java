package io.jnatsd.launcher;

import io.jnatsd.JnatsdServer;
import io.jnatsd.config.ServerOptions;
import io.jnatsd.transport.ServerStartException;
import io.jnatsd.protocol.Versions;
import java.io.PrintStream;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MarkerFactory;

/**
 * What {@code jnatsd [flags]} does, from the command line to the exit status: answer the
 * one-shot commands (help, version, signal, config test), or set up logging, start the server,
 * write the pid and ports files, trap signals and wait for the shutdown.
 */
final class Launcher {
    private static final Logger LOG = LoggerFactory.getLogger(Launcher.class);
    /** Set by bin/jnatsd on the start that records the class archive, so that it holds the TLS and route classes too. */
    static final String TRAINING_PROPERTY = "jnatsd.training";
    /** How long a training start waits at exit for its warm-up (a TLS handshake with a new RSA key) and its route. */
    private static final long TRAINING_WARM_UP_MILLIS = 30_000;

    private final ConfigurationFiles configurationFiles;
    private final PrintStream out;
    private final PrintStream err;
    /** The training start's route between two servers of its own ({@link RouteTraining}); null otherwise. */
    private Thread routeTraining;

    Launcher(ConfigurationFiles configurationFiles, PrintStream out, PrintStream err) {
        this.configurationFiles = configurationFiles;
        this.out = out;
        this.err = err;
    }

    /** Runs to the end and returns the process exit status. */
    int run(String... args) {
        try {
            return launch(args);
        } catch (LaunchException e) {
            err.println(e.getMessage());
            if (e.showUsage()) {
                err.print(HelpTexts.usage());
            }
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    private int launch(String[] args) throws LaunchException, InterruptedException {
        CommandLineFlags flags = FlagParser.parse(args);
        if (flags.version) {
            out.println(versionLine());
            return 0;
        }
        if (flags.help) {
            out.print(HelpTexts.usage());
            return 0;
        }
        if (flags.helpTls) {
            out.print(HelpTexts.tls());
            return 0;
        }
        if (flags.signal != null) {
            SignalCommand.parse(flags.signal, flags.pidFile).send();
            return 0;
        }
        if (flags.testConfig) {
            return checkConfiguration(flags);
        }
        ServerOptions base = flags.configFile != null
                ? configurationFiles.load(Path.of(flags.configFile))
                : ServerOptions.defaults();
        ServerOptions options = FlagOverrides.apply(flags, base);
        boolean training = Boolean.getBoolean(TRAINING_PROPERTY);
        Thread warmUp = WarmUp.startInBackground(
                options.tls() != null || (options.cluster() != null && options.cluster().tls() != null),
                options.clusterEnabled() || options.gatewayEnabled() || options.leafnodesEnabled(), training);
        LogSetup logging = LogSetup.configure(options);
        FlagOverrides.ignoredFlagNotices(flags).forEach(LOG::info);
        ServerProcess.OptionsSource reloadSource = () -> FlagOverrides.apply(flags,
                configurationFiles.load(Path.of(flags.configFile)));
        int status = serve(options, reloadSource, logging, training);
        // The archive is written at exit: it should hold what the training loads, however late.
        if (training && warmUp != null) {
            warmUp.join(TRAINING_WARM_UP_MILLIS);
        }
        if (routeTraining != null) {
            routeTraining.join(TRAINING_WARM_UP_MILLIS);
        }
        return status;
    }

    static String versionLine() {
        return "jnatsd: v" + Versions.JNATSD_VERSION + " (nats-server " + Versions.PROTOCOL_VERSION + " compatible)";
    }

    private int checkConfiguration(CommandLineFlags flags) throws LaunchException {
        if (flags.configFile == null) {
            throw LaunchException.of("must specify [-c, --config] option to check configuration file syntax");
        }
        configurationFiles.check(Path.of(flags.configFile));
        out.println("jnatsd: configuration file " + flags.configFile + " is valid");
        return 0;
    }

    private int serve(ServerOptions options, ServerProcess.OptionsSource reloadSource, LogSetup logging,
                      boolean training) throws LaunchException, InterruptedException {
        long pid = ProcessHandle.current().pid();
        ServerProcess process = new ServerProcess(options, reloadSource, logging);
        if (options.pidFile() != null) {
            process.addProcessFile(ProcessFile.write(Path.of(options.pidFile()), Long.toString(pid)));
        }
        process.trapSignals();
        JnatsdServer server;
        try {
            server = JnatsdServer.start(options);
        } catch (RuntimeException e) {
            failedToStart(e, logging);
            process.removeProcessFiles();
            return 1;
        }
        process.started(server);
        if (!training && MessagePathWarmUp.wanted(options)) {
            MessagePathWarmUp.startInBackground(server, NatsLogging.output());
        }
        if (training) {
            // After this server logged its port and readiness, which bin/jnatsd reads first from the log.
            routeTraining = RouteTraining.startInBackground();
        }
        try {
            process.writePortsFile(server, options.portsFileDir());
        } catch (LaunchException e) {
            process.shutdown();
            process.removeProcessFiles();
            throw e;
        }
        process.awaitShutdown();
        logging.stop();
        return 0;
    }

    /** Logged as nats-server's [FTL] line; echoed on stderr when the log goes to a file. */
    private void failedToStart(RuntimeException e, LogSetup logging) {
        String message = e instanceof ServerStartException ? e.getMessage() : e.toString();
        LOG.error(MarkerFactory.getMarker(NatsLogLayout.FATAL_MARKER), message);
        if (logging.logsToFile()) {
            err.println("jnatsd: " + message);
        }
        logging.stop();
    }
}
