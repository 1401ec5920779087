package io.jnatsd.tests.fuzz;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Watches everything the server would print while a fuzz test runs: jnatsd's loggers at INFO
 * (the launcher's default level), every other logger (Netty's, whose leak detector reports
 * un-released buffers as {@code LEAK:} errors) at WARN, and uncaught exceptions of any thread.
 * jnatsd's lines go to this capture only, so the console stays quiet.
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
        jnatsd.setLevel(Level.INFO);
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
        synchronized (appender.problems) {
            problems.addAll(appender.problems);
        }
        synchronized (uncaught) {
            problems.addAll(uncaught);
        }
        return problems;
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

    /** Keeps only the problem lines (the first 100), so a long run does not grow the heap. */
    private static final class ProblemAppender extends AppenderBase<ILoggingEvent> {
        final List<String> problems = new ArrayList<>();

        @Override
        protected void append(ILoggingEvent event) {
            String message = event.getFormattedMessage();
            boolean trace = event.getThrowableProxy() != null || message.contains("\n\tat ")
                    || message.contains("Exception:") || message.contains("Error:");
            if (!trace && !message.contains("LEAK:")) {
                return;
            }
            synchronized (problems) {
                if (problems.size() < 100) {
                    problems.add(event.getLevel() + " " + event.getLoggerName() + " " + message
                            + (event.getThrowableProxy() == null ? "" : " / " + event.getThrowableProxy().getClassName()
                            + ": " + event.getThrowableProxy().getMessage()));
                }
            }
        }
    }
}
