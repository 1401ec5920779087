package io.jnatsd.dispatch;

/**
 * Describes who sent a request through a shared service import, as the JSON of nats-server's
 * {@code Nats-Request-Info} header (its ClientInfo). Runs on the requester's event loop.
 */
@FunctionalInterface
public interface RequesterInfo {
    String HEADER = "Nats-Request-Info";

    /**
     * @param publisher the connection that published the request, null when unknown (the request
     *                  came from another server)
     */
    String describe(Subscriber publisher, Account importer);
}
