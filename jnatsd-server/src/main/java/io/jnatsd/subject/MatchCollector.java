package io.jnatsd.subject;

import java.util.ArrayList;
import java.util.List;

/**
 * Gathers the interests of every trie node a subject reaches, merging queue members by queue
 * name: members of {@code q} under {@code foo.*} and under {@code foo.>} form one group. Groups
 * are found by a linear search, because a subject rarely matches more than a handful of queue
 * names and this runs only on a cache miss.
 */
final class MatchCollector {

    private final InterestList plain = new InterestList();
    private List<QueueMembers> queueGroups;

    void addPlain(InterestList interests) {
        plain.addAll(interests);
    }

    void addQueueMembers(QueueMembers members) {
        if (queueGroups == null) {
            queueGroups = new ArrayList<>(2);
        }
        for (QueueMembers group : queueGroups) {
            if (group.name.equals(members.name)) {
                group.addAll(members);
                return;
            }
        }
        QueueMembers group = new QueueMembers(members.name);
        group.addAll(members);
        queueGroups.add(group);
    }

    <T> MatchResult<T> toResult() {
        if (queueGroups == null) {
            return new MatchResult<>(plain.toArray(), MatchResult.noQueueGroups());
        }
        @SuppressWarnings("unchecked")
        QueueGroup<T>[] groups = new QueueGroup[queueGroups.size()];
        for (int i = 0; i < groups.length; i++) {
            QueueMembers members = queueGroups.get(i);
            groups[i] = new QueueGroup<>(members.name, members.toArray());
        }
        return new MatchResult<>(plain.toArray(), groups);
    }

    <T> List<T> toList() {
        List<T> all = new ArrayList<>(plain.size());
        addAllTo(plain, all);
        if (queueGroups != null) {
            for (QueueMembers members : queueGroups) {
                addAllTo(members, all);
            }
        }
        return all;
    }

    @SuppressWarnings("unchecked")
    private static <T> void addAllTo(InterestList interests, List<T> all) {
        for (int i = 0; i < interests.size(); i++) {
            all.add((T) interests.get(i));
        }
    }
}
