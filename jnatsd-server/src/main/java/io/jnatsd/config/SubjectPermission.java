package io.jnatsd.config;

import java.util.List;

/** Allow and deny lists of subjects (wildcards allowed). An empty allow list allows all. */
public record SubjectPermission(List<String> allow, List<String> deny) {
    public SubjectPermission {
        allow = List.copyOf(allow);
        deny = List.copyOf(deny);
    }
}
