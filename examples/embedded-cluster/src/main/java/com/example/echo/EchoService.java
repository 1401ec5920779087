package com.example.echo;

import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import java.nio.charset.StandardCharsets;

/** The code under test: answers every request on a subject with the request in capitals. */
public final class EchoService implements AutoCloseable {
    private final Connection connection;
    private final Dispatcher dispatcher;

    public EchoService(Connection connection, String subject) {
        this.connection = connection;
        this.dispatcher = connection.createDispatcher(request -> connection.publish(request.getReplyTo(),
                new String(request.getData(), StandardCharsets.UTF_8).toUpperCase().getBytes(StandardCharsets.UTF_8)));
        dispatcher.subscribe(subject, "echo-workers");
    }

    @Override
    public void close() {
        connection.closeDispatcher(dispatcher);
    }
}
