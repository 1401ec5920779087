package io.jnatsd.launcher;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Logger;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.NOPMDCAdapter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The SLF4J binding of {@code jnatsd.jar}: nats-server's log lines, nothing else. {@link Main}
 * names it in {@code slf4j.provider}, so SLF4J neither scans the class path for bindings nor
 * starts a logging framework: a general-purpose one (logback: some 100 classes, its
 * configuration search, its first string concatenations) cost the start ~50 ms of its
 * critical path (docs/STARTUP.md). It is not registered as a service, so an application or a
 * test that has the launcher on its class path keeps its own binding.
 */
public final class NatsLogging implements SLF4JServiceProvider {
    private static final LogOutput OUTPUT = new LogOutput();

    private final ConcurrentMap<String, Logger> loggers = new ConcurrentHashMap<>();
    private final ILoggerFactory factory = name -> loggers.computeIfAbsent(name, n -> new NatsLogger(n, OUTPUT));
    private final IMarkerFactory markers = new BasicMarkerFactory();
    private final MDCAdapter mdc = new NOPMDCAdapter();

    /** The output every logger of this binding writes to. */
    static LogOutput output() {
        return OUTPUT;
    }

    @Override
    public ILoggerFactory getLoggerFactory() {
        return factory;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markers;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdc;
    }

    @Override
    public String getRequestedApiVersion() {
        return "2.0.99";
    }

    @Override
    public void initialize() {
        // nothing to set up: LogSetup applies the flags once they are parsed
    }
}
