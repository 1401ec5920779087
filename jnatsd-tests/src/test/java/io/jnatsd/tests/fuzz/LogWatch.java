package io.jnatsd.tests.fuzz;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.slf4j.LoggerFactory;

/**
 * Watches everything the server would print while a fuzz test runs: jnatsd's loggers at INFO
 * (the launcher's default level) must show no stack trace; every other logger (Netty's, whose
 * leak detector reports un-released buffers as {@code LEAK:} errors) at WARN the same; and no
 * thread may die of an uncaught exception. jnatsd's DEBUG lines are read too, for a
 * {@code java.lang} exception that closed a connection quietly (a bug the peer provoked, as
 * opposed to an I/O error or a protocol error). jnatsd's lines go to this capture only, so the
 * console stays quiet.
 */
final class LogWatch implements AutoCloseable {
    private final Logger jnatsd = (Logger) LoggerFactory.getLogger("io.jnatsd");
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final ProblemAppender appender = new ProblemAppender();
    private final Level previousLevel = jnatsd.getLevel();
    private final boolean previousAdditive = jnatsd.isAdditive();
    private final Thread.UncaughtExceptionHandler previousHandler = Thread.getDefaultUncaughtExceptionHandler();
    private final List<String> uncaught = new ArrayList<>();

    LogWatch() {
        appender.setContext(jnatsd.getLoggerContext());
        appender.start();
        jnatsd.addAppender(appender);
        jnatsd.setLevel(Level.DEBUG);
        jnatsd.setAdditive(false);
        root.addAppender(appender);
        Thread.setDefaultUncaughtExceptionHandler((thread, error) -> {
            synchronized (uncaught) {
                uncaught.add(thread.getName() + ": " + error);
            }
        });
    }

    /** Lines that carry a stack trace, a leak report or an uncaught exception; empty when all is well. */
    List<String> problems() {
        List<String> problems = new ArrayList<>();
        synchronized (appender) {
            problems.addAll(appender.problems);
        }
        synchronized (uncaught) {
            problems.addAll(uncaught);
        }
        return problems;
    }

    /** Connections closed by a {@code java.lang} exception the peer provoked: bugs, though only that link paid. */
    List<String> quietErrors() {
        synchronized (appender) {
            return new ArrayList<>(appender.quietErrors);
        }
    }

    @Override
    public void close() {
        Thread.setDefaultUncaughtExceptionHandler(previousHandler);
        root.detachAppender(appender);
        jnatsd.detachAppender(appender);
        jnatsd.setLevel(previousLevel);
        jnatsd.setAdditive(previousAdditive);
        appender.stop();
    }

    /** Keeps only the problem lines (the first 100 of each kind), so a long run does not grow the heap. */
    private static final class ProblemAppender extends AppenderBase<ILoggingEvent> {
        /** A java.lang exception or error by class name, or Netty's wrapper for a decoder's exception. */
        private static final Pattern INTERNAL_EXCEPTION = Pattern.compile("java\\.lang\\.\\w*(Exception|Error)\\b|DecoderException");

        final List<String> problems = new ArrayList<>();
        final List<String> quietErrors = new ArrayList<>();

        @Override
        protected void append(ILoggingEvent event) {
            String message = event.getFormattedMessage();
            boolean shown = event.getLevel().isGreaterOrEqual(Level.INFO);
            boolean trace = shown && (event.getThrowableProxy() != null || message.contains("\n\tat "));
            String line = event.getLevel() + " " + event.getLoggerName() + " " + message
                    + (event.getThrowableProxy() == null ? "" : " / " + event.getThrowableProxy().getClassName()
                    + ": " + event.getThrowableProxy().getMessage());
            if (trace || message.contains("LEAK:")) {
                keep(problems, line);
            } else if (INTERNAL_EXCEPTION.matcher(message).find()) {
                keep(quietErrors, line);
            }
        }

        private static void keep(List<String> lines, String line) {
            if (lines.size() < 100) {
                lines.add(line);
            }
        }
    }
}
