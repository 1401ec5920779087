package io.jnatsd.sys;

import com.fasterxml.jackson.databind.node.NullNode;
import io.jnatsd.monitor.BadRequestException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The envelope of the monitoring answers nats-server gives on {@code $SYS.REQ.SERVER.*} and
 * {@code $SYS.REQ.ACCOUNT.*}: {@code server} (this server's header), then {@code data} or an
 * {@code error} (400 for bad options, 500 for a document that cannot be built). Shared by
 * {@link ServerRequests} and {@link AccountRequests}.
 */
final class MonitorReplies {
    private final SystemClient client;
    private final ServerInfoHeader header;

    MonitorReplies(SystemClient client, ServerInfoHeader header) {
        this.client = client;
        this.header = header;
    }

    /** A reply that starts with this server's header. */
    Map<String, Object> reply() {
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("server", header.next());
        return reply;
    }

    /** The request's options, or null after answering a body that is not valid options. */
    RequestOptions options(SystemRequest request) {
        try {
            return RequestOptions.parse(request.body());
        } catch (RequestOptions.InvalidOptionsException e) {
            Map<String, Object> reply = reply();
            reply.put("error", SystemRequest.error(400, e.getMessage()));
            answer(request, reply);
            return null;
        }
    }

    /** Answers with the document {@code data} builds, or with the error it raised. */
    void data(SystemRequest request, Data data) {
        Map<String, Object> reply = reply();
        try {
            Object built = data.build();
            reply.put("data", built == null ? NullNode.getInstance() : built);
        } catch (BadRequestException e) {
            reply.put("data", NullNode.getInstance());
            reply.put("error", SystemRequest.error(500, e.getMessage()));
        } catch (RequestOptions.InvalidOptionsException e) {
            reply.put("error", SystemRequest.error(400, e.getMessage()));
        }
        answer(request, reply);
    }

    /** Publishes to the request's reply subject; a request without one expects nothing. */
    void answer(SystemRequest request, Object reply) {
        if (request.reply() != null) {
            client.publishJson(request.reply(), reply);
        }
    }

    /** Builds a reply's {@code data}. */
    @FunctionalInterface
    interface Data {
        Object build() throws BadRequestException, RequestOptions.InvalidOptionsException;
    }
}
