package io.jnatsd.protocol;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link ClientOperations} that writes down every operation as one line of text, copying what
 * it needs out of the parser's buffer while the callback runs. Limits mirror ClientConnection's:
 * headers must be announced by {@code headers}, payloads are limited by {@code maxPayload}, and
 * with {@code authRequired} every line before a CONNECT must start with C.
 */
final class RecordingOperations implements ClientOperations {
    final List<String> events = new ArrayList<>();
    int maxPayload = 1024 * 1024;
    boolean headers = true;
    boolean authRequired;
    private boolean connected;

    @Override
    public void checkAllowed(boolean startsWithC) throws ProtocolException {
        if (authRequired && !connected && !startsWithC) {
            throw new ProtocolException(ProtocolError.AUTHORIZATION_VIOLATION, "before CONNECT");
        }
    }

    @Override
    public void connect(String json) {
        connected = true;
        events.add("CONNECT " + json);
    }

    @Override
    public void checkPublish(int totalSize, boolean hasHeaders) throws ProtocolException {
        if (hasHeaders && !headers) {
            throw new ProtocolException(null, "headers not supported");
        }
        if (totalSize > maxPayload) {
            throw new ProtocolException(ProtocolError.MAXIMUM_PAYLOAD_VIOLATION, "too big");
        }
    }

    @Override
    public void publish(MessageFrame frame) {
        ByteBuf in = frame.buffer();
        String payload = in.toString(frame.payloadStart(), frame.totalSize(), StandardCharsets.UTF_8);
        String sizes = frame.totalSizeLength() > 0
                ? in.toString(frame.totalSizeStart(), frame.totalSizeLength(), StandardCharsets.US_ASCII) : "-";
        events.add("PUB " + frame.subject() + " " + (frame.hasReply() ? frame.reply() : "-") + " "
                + frame.headerSize() + " " + frame.totalSize() + " (" + sizes + ") [" + payload + "]");
    }

    @Override
    public void subscribe(String subject, String queue, String sid) {
        events.add("SUB " + subject + " " + (queue == null ? "-" : queue) + " " + sid);
    }

    @Override
    public void unsubscribe(String sid, int maxMessages) {
        events.add("UNSUB " + sid + " " + maxMessages);
    }

    @Override
    public void ping() {
        events.add("PING");
    }

    @Override
    public void pong() {
        events.add("PONG");
    }

    @Override
    public void error(String text) throws ProtocolException {
        throw new ProtocolException(null, "client sent -ERR " + text);
    }
}
