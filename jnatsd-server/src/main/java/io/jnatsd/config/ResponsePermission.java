package io.jnatsd.config;

import java.time.Duration;

/**
 * {@code allow_responses}: how many replies ({@code maxMsgs}) within {@code expires}. A value not
 * given (0 or less) takes nats-server's default: 1 reply, within 2 minutes.
 */
public record ResponsePermission(int maxMsgs, Duration expires) {
    public static final int DEFAULT_MAX_MSGS = 1;
    public static final Duration DEFAULT_EXPIRES = Duration.ofMinutes(2);
    public static final ResponsePermission DEFAULT = new ResponsePermission(DEFAULT_MAX_MSGS, DEFAULT_EXPIRES);

    public ResponsePermission {
        if (maxMsgs <= 0) {
            maxMsgs = DEFAULT_MAX_MSGS;
        }
        if (expires == null || expires.isZero() || expires.isNegative()) {
            expires = DEFAULT_EXPIRES;
        }
    }
}
