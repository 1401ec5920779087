package io.jnatsd.protocol.route;

import io.jnatsd.protocol.MessageFrame;
import io.jnatsd.protocol.QueueNames;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes every parsed route operation down as one readable line, copying what the frame points
 * at during the callback (the frame is only valid then), so tests compare plain strings.
 */
class RecordingRouteOperations implements RouteOperations {
    final List<String> operations = new ArrayList<>();
    /** Whether the parser is told tracing is on; its trace lines are then recorded as {@code TRACE <text>}. */
    boolean tracing;

    @Override
    public boolean tracing() {
        return tracing;
    }

    @Override
    public void trace(String text) {
        operations.add("TRACE " + text);
    }

    @Override
    public void info(String json) {
        operations.add("INFO " + json);
    }

    @Override
    public void connect(String json) {
        operations.add("CONNECT " + json);
    }

    @Override
    public void ping() {
        operations.add("PING");
    }

    @Override
    public void pong() {
        operations.add("PONG");
    }

    @Override
    public void error(String text) {
        operations.add("ERR " + text);
    }

    @Override
    public void subscribe(String origin, String account, String subject, String queue, int weight) {
        operations.add("SUB origin=" + origin + " account=" + account + " subject=" + subject + " queue=" + queue
                + " weight=" + weight);
    }

    @Override
    public void unsubscribe(String origin, String account, String subject, String queue) {
        operations.add("UNSUB origin=" + origin + " account=" + account + " subject=" + subject + " queue=" + queue);
    }

    @Override
    public void message(String account, MessageFrame message, QueueNames queues) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < queues.size(); i++) {
            names.add(queues.get(i));
        }
        String headers = message.hasHeaders()
                ? message.buffer().toString(message.payloadStart(), message.headerSize(), StandardCharsets.UTF_8)
                : null;
        int bodyStart = message.payloadStart() + Math.max(0, message.headerSize());
        int bodySize = message.totalSize() - Math.max(0, message.headerSize());
        operations.add("MSG account=" + account + " subject=" + message.subject() + " reply=" + message.reply()
                + " queues=" + names + " headers=" + headers + " body="
                + message.buffer().toString(bodyStart, bodySize, StandardCharsets.UTF_8));
    }
}
