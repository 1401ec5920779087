package io.jnatsd.subject;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Gathers the interests of every trie node a subject reaches, merging queue members by queue
 * name: members of {@code q} under {@code foo.*} and under {@code foo.>} form one group.
 */
final class MatchCollector {

    private final InterestList plain = new InterestList();
    private Map<String, InterestList> queueGroups;

    void addPlain(InterestList interests) {
        plain.addAll(interests);
    }

    void addQueueMembers(QueueMembers members) {
        if (queueGroups == null) {
            queueGroups = new LinkedHashMap<>();
        }
        queueGroups.computeIfAbsent(members.name, name -> new InterestList()).addAll(members);
    }

    <T> MatchResult<T> toResult() {
        if (queueGroups == null) {
            return new MatchResult<>(plain.toArray(), MatchResult.noQueueGroups());
        }
        @SuppressWarnings("unchecked")
        QueueGroup<T>[] groups = new QueueGroup[queueGroups.size()];
        int next = 0;
        for (Map.Entry<String, InterestList> group : queueGroups.entrySet()) {
            groups[next++] = new QueueGroup<>(group.getKey(), group.getValue().toArray());
        }
        return new MatchResult<>(plain.toArray(), groups);
    }

    @SuppressWarnings("unchecked")
    <T> List<T> toList() {
        List<T> all = new ArrayList<>(plain.size());
        for (int i = 0; i < plain.size(); i++) {
            all.add((T) plain.get(i));
        }
        if (queueGroups != null) {
            for (InterestList members : queueGroups.values()) {
                for (int i = 0; i < members.size(); i++) {
                    all.add((T) members.get(i));
                }
            }
        }
        return all;
    }
}
