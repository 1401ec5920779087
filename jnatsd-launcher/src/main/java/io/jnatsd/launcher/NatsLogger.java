package io.jnatsd.launcher;

import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/** A logger of {@link NatsLogging}: asks {@link LogOutput} whether a level passes and writes there. */
final class NatsLogger extends LegacyAbstractLogger {
    private static final long serialVersionUID = 1L;

    private final transient LogOutput output;

    NatsLogger(String name, LogOutput output) {
        this.name = name;
        this.output = output;
    }

    @Override
    public boolean isTraceEnabled() {
        return output.enabled(name, Level.TRACE);
    }

    @Override
    public boolean isDebugEnabled() {
        return output.enabled(name, Level.DEBUG);
    }

    @Override
    public boolean isInfoEnabled() {
        return output.enabled(name, Level.INFO);
    }

    @Override
    public boolean isWarnEnabled() {
        return output.enabled(name, Level.WARN);
    }

    @Override
    public boolean isErrorEnabled() {
        return output.enabled(name, Level.ERROR);
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String messagePattern, Object[] arguments,
                                               Throwable throwable) {
        boolean fatal = marker != null && NatsLogLayout.FATAL_MARKER.equals(marker.getName());
        output.write(level, fatal, MessageFormatter.basicArrayFormat(messagePattern, arguments), throwable);
    }
}
