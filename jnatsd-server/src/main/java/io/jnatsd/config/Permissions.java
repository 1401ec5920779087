package io.jnatsd.config;

/**
 * Publish and subscribe permissions of a user. A null side allows everything; deny wins over
 * allow. {@code allowResponses} (null when off) lets a subscriber publish to reply subjects it
 * received.
 */
public record Permissions(SubjectPermission publish, SubjectPermission subscribe, ResponsePermission allowResponses) {
}
