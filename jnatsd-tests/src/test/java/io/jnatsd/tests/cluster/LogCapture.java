package io.jnatsd.tests.cluster;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Records what one logger writes while a test runs, at a level the test chooses; the lines go to
 * the capture only (not to the console) so debug capture stays quiet. Restores the logger on close.
 */
public final class LogCapture implements AutoCloseable {
    private final Logger logger;
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Level previousLevel;
    private final boolean previousAdditive;

    private LogCapture(String loggerName, Level level) {
        logger = (Logger) LoggerFactory.getLogger(loggerName);
        previousLevel = logger.getLevel();
        previousAdditive = logger.isAdditive();
        appender.setContext(logger.getLoggerContext());
        appender.start();
        logger.addAppender(appender);
        logger.setLevel(level);
        logger.setAdditive(false);
    }

    public static LogCapture of(Class<?> type, Level level) {
        return new LogCapture(type.getName(), level);
    }

    /** For a logger whose class is not visible here (package-private). */
    public static LogCapture of(String loggerName, Level level) {
        return new LogCapture(loggerName, level);
    }

    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        synchronized (appender) {
            for (ILoggingEvent event : appender.list) {
                lines.add(event.getLevel() + " " + event.getFormattedMessage());
            }
        }
        return lines;
    }

    public long count(String fragment) {
        return lines().stream().filter(line -> line.contains(fragment)).count();
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        logger.setLevel(previousLevel);
        logger.setAdditive(previousAdditive);
        appender.stop();
    }
}
