package io.jnatsd.monitor;

/** One monitoring endpoint: answers a request's query, or rejects it with nats-server's 400 text. */
@FunctionalInterface
interface Endpoint {
    MonitorResponse answer(QueryParameters query) throws BadRequestException;
}
