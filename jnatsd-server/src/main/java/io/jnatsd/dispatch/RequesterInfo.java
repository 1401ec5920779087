package io.jnatsd.dispatch;

import io.jnatsd.protocol.MessageFrame;

/**
 * Describes who sent a request through a service import, as the JSON of nats-server's
 * {@code Nats-Request-Info} header (its ClientInfo), which nats-server 2.10 adds to every request
 * crossing a service import: the requester's account and RTT; the server and cluster too when
 * the import leads into the system account; all the client's details when the import is shared.
 * Runs on the requester's event loop.
 */
@FunctionalInterface
public interface RequesterInfo {
    String HEADER = "Nats-Request-Info";

    /**
     * @param publisher the connection that published the request (a client, a leaf connection,
     *                  or the import before this one in a chain)
     * @param message   the request as it arrived in {@code importer}
     * @param shared    the import shares the requester's details
     * @return the header's value, or null to leave the message's headers as they are
     */
    String describe(Subscriber publisher, MessageFrame message, Account importer, Account exporter, boolean shared);
}
