package io.jnatsd.config;

import java.time.Duration;

/** {@code allow_responses}: how many replies ({@code maxMsgs}, default 1) within {@code expires} (0 = no limit). */
public record ResponsePermission(int maxMsgs, Duration expires) {
    public static final ResponsePermission DEFAULT = new ResponsePermission(1, Duration.ZERO);
}
