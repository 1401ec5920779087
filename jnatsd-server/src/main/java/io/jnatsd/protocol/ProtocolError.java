package io.jnatsd.protocol;

/**
 * Every {@code -ERR} text jnatsd sends, exactly as nats-server 2.10 writes it (CLIENT.md §11),
 * with whether nats-server closes the connection after it. Texts are case-sensitive.
 */
public enum ProtocolError {
    UNKNOWN_PROTOCOL_OPERATION("Unknown Protocol Operation", true),
    AUTHORIZATION_VIOLATION("Authorization Violation", true),
    AUTHENTICATION_TIMEOUT("Authentication Timeout", true),
    USER_AUTHENTICATION_EXPIRED("User Authentication Expired", true),
    USER_AUTHENTICATION_REVOKED("User Authentication Revoked", true),
    ACCOUNT_AUTHENTICATION_EXPIRED("Account Authentication Expired", true),
    MAXIMUM_PAYLOAD_VIOLATION("Maximum Payload Violation", true),
    MAXIMUM_CONTROL_LINE_EXCEEDED("maximum control line exceeded", true),
    MAXIMUM_CONNECTIONS_EXCEEDED("maximum connections exceeded", true),
    MAXIMUM_SUBSCRIPTIONS_EXCEEDED("maximum subscriptions exceeded", false),
    MAXIMUM_ACCOUNT_CONNECTIONS_EXCEEDED("maximum account active connections exceeded", true),
    INVALID_SUBJECT("Invalid Subject", false),
    INVALID_SUBSCRIPTION("Invalid Subscription", false),
    INVALID_PUBLISH_SUBJECT("Invalid Publish Subject", false),
    INVALID_CLIENT_PROTOCOL("invalid client protocol", true),
    NO_RESPONDERS_REQUIRES_HEADERS("no responders requires headers support", true),
    ATTEMPTED_TO_CONNECT_TO_ROUTE_PORT("attempted to connect to route port", true),
    ATTEMPTED_TO_CONNECT_TO_GATEWAY_PORT("attempted to connect to gateway port", true),
    STALE_CONNECTION("Stale Connection", true);

    private final String text;
    private final boolean closesConnection;

    ProtocolError(String text, boolean closesConnection) {
        this.text = text;
        this.closesConnection = closesConnection;
    }

    public String text() {
        return text;
    }

    public boolean closesConnection() {
        return closesConnection;
    }

    /** The whole line as sent on the wire. */
    public String line() {
        return "-ERR '" + text + "'\r\n";
    }

    public static String publishViolation(String subject) {
        return "-ERR 'Permissions Violation for Publish to " + GoQuote.quote(subject) + "'\r\n";
    }

    public static String publishReplyViolation(String reply) {
        return "-ERR 'Permissions Violation for Publish with Reply of " + GoQuote.quote(reply) + "'\r\n";
    }

    public static String subscribeViolation(String subject, String queue) {
        return queue == null
                ? "-ERR 'Permissions Violation for Subscription to " + GoQuote.quote(subject) + "'\r\n"
                : "-ERR 'Permissions Violation for Subscription to " + GoQuote.quote(subject) + " using queue "
                        + GoQuote.quote(queue) + "'\r\n";
    }

    /**
     * A reload's permissions no longer allow a subscription the client has: nats-server names its
     * sid, and never its queue.
     */
    public static String revokedSubscription(String subject, String sid) {
        return "-ERR 'Permissions Violation for Subscription to " + GoQuote.quote(subject) + " (sid "
                + GoQuote.quote(sid) + ")'\r\n";
    }

    public static String subscribeTooManyTokens(String subject) {
        return "-ERR 'Permissions Violation for Subscription to " + GoQuote.quote(subject) + ", too many tokens'\r\n";
    }

    /** Sent by a gateway acceptor to an unknown remote under {@code reject_unknown_cluster} (GATEWAYS.md §3.5). */
    public static String gatewayRejected(String ourGateway) {
        return "Connection to gateway \"" + ourGateway + "\" rejected";
    }

    /** Sent by a gateway solicitor that reached a server of another cluster than the one it dialed. */
    public static String gatewayWrongName(String ourGateway, String wanted, String found) {
        return "Connection from \"" + ourGateway + "\" rejected, wanted to connect to \"" + wanted
                + "\", this is \"" + found + "\"";
    }

    /** Sent by a gateway solicitor whose peer's INFO names no gateway (a client or route port). */
    public static String gatewayWrongPort(String wanted) {
        return "Attempt to connect to gateway \"" + wanted + "\" using wrong port";
    }
}
