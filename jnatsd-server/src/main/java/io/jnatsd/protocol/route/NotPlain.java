package io.jnatsd.protocol.route;

/**
 * Route JSON that {@link PlainJsonReader} or {@link PlainJsonWriter} does not handle exactly as
 * jackson-core would: {@link RouteJson} reads or writes it with jackson-core instead. Thrown on
 * odd input only, without a stack trace.
 */
final class NotPlain extends RuntimeException {
    static final NotPlain INSTANCE = new NotPlain();

    private NotPlain() {
        super("not plain route JSON", null, false, false);
    }
}
