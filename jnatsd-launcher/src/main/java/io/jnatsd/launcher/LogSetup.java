package io.jnatsd.launcher;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;
import io.jnatsd.config.ServerOptions;
import java.io.IOException;
import org.slf4j.LoggerFactory;

/**
 * Logging as nats-server does it: one appender, to stderr or to the {@code -l} file, in
 * {@link NatsLogLayout}'s format. Set up in code rather than by a logback.xml so that the jar
 * behaves the same whatever else is on the class path, and so the flags decide.
 *
 * <p>{@code -V} without {@code -D} shows trace lines but no debug lines in nats-server, which
 * a logback level cannot say; a filter drops the debug events then.
 */
final class LogSetup {
    private static final String SERVER_LOGGERS = "io.jnatsd";

    private final LoggerContext context;
    private final boolean logtime;
    private final String logFile;
    private final boolean dropDebug;
    private OutputStreamAppender<ILoggingEvent> appender;

    private LogSetup(LoggerContext context, ServerOptions options) {
        this.context = context;
        this.logtime = options.logtime();
        this.logFile = options.logFile();
        this.dropDebug = options.trace() && !options.debug();
    }

    /** Replaces whatever logback configured by itself with nats-server's logging. */
    static LogSetup configure(ServerOptions options) throws LaunchException {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        LogSetup setup = new LogSetup(context, options);
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        context.getLogger(SERVER_LOGGERS).setLevel(
                options.trace() ? Level.TRACE : options.debug() ? Level.DEBUG : Level.INFO);
        setup.appender = setup.newAppender();
        if (!setup.appender.isStarted()) {
            throw LaunchException.of("error opening log file " + options.logFile());
        }
        root.addAppender(setup.appender);
        return setup;
    }

    boolean logsToFile() {
        return logFile != null;
    }

    /** Opens the log file again (SIGUSR1, after a rotation moved it away). */
    void reopen() {
        org.slf4j.Logger log = LoggerFactory.getLogger(LogSetup.class);
        if (!(appender instanceof LogFileAppender file)) {
            log.info("File log re-open ignored, not a file logger");
            return;
        }
        try {
            file.reopen();
            log.info("File log re-opened");
        } catch (IOException e) {
            log.error("Error re-opening log file {}: {}", logFile, e.getMessage());
        }
    }

    /** Flushes and closes the appender; called last, before the process exits. */
    void stop() {
        context.stop();
    }

    private OutputStreamAppender<ILoggingEvent> newAppender() {
        NatsLogLayout layout = new NatsLogLayout(logtime);
        layout.setContext(context);
        layout.start();
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(context);
        encoder.setLayout(layout);
        encoder.start();
        OutputStreamAppender<ILoggingEvent> created;
        if (logFile != null) {
            created = new LogFileAppender(logFile);
        } else {
            ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
            console.setTarget("System.err");
            created = console;
        }
        created.setName(logFile != null ? "file" : "stderr");
        created.setContext(context);
        created.setEncoder(encoder);
        if (dropDebug) {
            created.addFilter(new DropDebug());
        }
        created.start();
        return created;
    }

    private static final class DropDebug extends Filter<ILoggingEvent> {
        @Override
        public FilterReply decide(ILoggingEvent event) {
            return event.getLevel() == Level.DEBUG ? FilterReply.DENY : FilterReply.NEUTRAL;
        }
    }
}
