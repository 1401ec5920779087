package io.jnatsd.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogFileAppenderTest {
    @TempDir
    Path directory;

    @Test
    void reopeningAfterARotationWritesToANewFileUnderTheOldName() throws Exception {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter());
        Logger logger = context.getLogger("io.jnatsd.test");
        Path file = directory.resolve("jnatsd.log");
        LogFileAppender appender = new LogFileAppender(file.toString());
        appender.setContext(context);
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        NatsLogLayout layout = new NatsLogLayout(false);
        layout.setContext(context);
        layout.start();
        encoder.setLayout(layout);
        encoder.setContext(context);
        encoder.start();
        appender.setEncoder(encoder);
        appender.start();

        appender.doAppend(new LoggingEvent("fqcn", logger, Level.INFO, "before", null, null));
        Files.move(file, directory.resolve("jnatsd.log.1"));
        appender.doAppend(new LoggingEvent("fqcn", logger, Level.INFO, "still old", null, null));
        appender.reopen();
        appender.doAppend(new LoggingEvent("fqcn", logger, Level.INFO, "after", null, null));
        appender.stop();

        assertThat(Files.readString(directory.resolve("jnatsd.log.1"))).contains("before").contains("still old")
                .doesNotContain("after");
        assertThat(Files.readString(file)).contains("[INF] after").doesNotContain("before");
    }
}
