package io.jnatsd.subject;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * A match result in comparable form: how often each interest occurs, plainly and per queue group.
 * Order does not matter to delivery, so it does not matter here.
 */
record MatchedInterests(Map<Interest, Integer> plain, Map<String, Map<Interest, Integer>> queueGroups) {

    static MatchedInterests of(MatchResult<? extends Interest> result) {
        Map<Interest, Integer> plain = new HashMap<>();
        for (int i = 0; i < result.plainCount(); i++) {
            plain.merge(result.plain(i), 1, Integer::sum);
        }
        Map<String, Map<Interest, Integer>> groups = new HashMap<>();
        for (int g = 0; g < result.queueGroupCount(); g++) {
            QueueGroup<? extends Interest> group = result.queueGroup(g);
            if (groups.containsKey(group.name())) {
                throw new AssertionError("queue group " + group.name() + " appears twice in " + result);
            }
            Map<Interest, Integer> members = new HashMap<>();
            for (int m = 0; m < group.size(); m++) {
                members.merge(group.member(m), 1, Integer::sum);
            }
            groups.put(group.name(), members);
        }
        return new MatchedInterests(plain, groups);
    }

    /** The reference answer: scan everything stored and keep what {@link Subjects#matches} accepts. */
    static MatchedInterests naive(Collection<? extends Interest> stored, String subject) {
        Map<Interest, Integer> plain = new HashMap<>();
        Map<String, Map<Interest, Integer>> groups = new HashMap<>();
        for (Interest interest : stored) {
            if (!Subjects.matches(interest.subject(), subject)) {
                continue;
            }
            Map<Interest, Integer> target = interest.queue() == null
                    ? plain : groups.computeIfAbsent(interest.queue(), q -> new HashMap<>());
            target.merge(interest, 1, Integer::sum);
        }
        return new MatchedInterests(plain, groups);
    }
}
