package io.jnatsd.bench.jmh;

import io.jnatsd.protocol.ClientOperations;
import io.jnatsd.protocol.ClientParser;
import io.jnatsd.protocol.MessageFrame;
import io.jnatsd.protocol.ProtocolException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The client parser alone: a read buffer of {@value #MESSAGES} PUB frames (one subject, as a
 * publisher sends them) parsed in one call, reported per message. The handler only counts, so
 * the figure is framing, argument splitting and subject caching.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ClientParserBenchmark {
    static final int MESSAGES = 1000;

    @Param({"16", "128", "1024"})
    int payloadSize;

    private ByteBuf stream;
    private ClientParser parser;
    private Counting operations;

    @Setup
    public void setUp() {
        byte[] payload = new byte[payloadSize];
        StringBuilder frame = new StringBuilder("PUB bench.subject.one " + payloadSize + "\r\n");
        byte[] head = frame.toString().getBytes(StandardCharsets.US_ASCII);
        stream = Unpooled.directBuffer(MESSAGES * (head.length + payloadSize + 2));
        for (int i = 0; i < MESSAGES; i++) {
            stream.writeBytes(head).writeBytes(payload).writeByte('\r').writeByte('\n');
        }
        operations = new Counting();
        parser = new ClientParser(4096, operations);
    }

    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public void parsePublishes(Blackhole blackhole) throws ProtocolException {
        stream.readerIndex(0);
        parser.parse(stream);
        blackhole.consume(operations.published);
    }

    /** Counts publishes; every other operation is unused here. */
    static final class Counting implements ClientOperations {
        long published;

        @Override
        public void checkAllowed(boolean isConnect) {
        }

        @Override
        public void connect(String json) {
        }

        @Override
        public void checkPublish(int totalSize, boolean hasHeaders) {
        }

        @Override
        public void publish(MessageFrame frame) {
            published += frame.totalSize();
        }

        @Override
        public void subscribe(String subject, String queue, String sid) {
        }

        @Override
        public void unsubscribe(String sid, int maxMessages) {
        }

        @Override
        public void ping() {
        }

        @Override
        public void pong() {
        }

        @Override
        public void error(String text) {
        }
    }
}
