package io.jnatsd.subject;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * One token position of the subject trie: its literal children, its {@code *} and {@code >}
 * children, and the interests whose subject ends here.
 *
 * <p>The token is a region of the subject string that first needed this node, not a substring of
 * its own: the interest holds that string anyway, so a node costs no extra String (about 48 bytes
 * per node, two nodes per interest for {@code foo.<n>.bar}). A node keeps at most that one string
 * alive after its interest is gone.
 *
 * <p>Not thread-safe: {@link SubjectIndex} guards every access with its lock.
 */
final class SubjectNode {

    private static final QueueMembers[] NO_QUEUES = new QueueMembers[0];

    private final String tokenSource;
    private final int tokenStart;
    private final int tokenLength;
    private final int tokenHash;

    /** null, the only literal child, or a {@link LiteralChildTable} once there are several. */
    private Object literalChildren;
    private SubjectNode singleWildcardChild;
    private SubjectNode fullWildcardChild;

    private InterestList plainInterests;
    private QueueMembers[] queues = NO_QUEUES;

    private SubjectNode(String tokenSource, int tokenStart, int tokenEnd) {
        this.tokenSource = tokenSource;
        this.tokenStart = tokenStart;
        this.tokenLength = tokenEnd - tokenStart;
        this.tokenHash = hashToken(tokenSource, tokenStart, tokenEnd);
    }

    static SubjectNode root() {
        return new SubjectNode("", 0, 0);
    }

    int tokenHash() {
        return tokenHash;
    }

    boolean hasToken(String subject, int start, int length, int hash) {
        return hash == tokenHash && length == tokenLength
                && subject.regionMatches(start, tokenSource, tokenStart, length);
    }

    // ---- children ----

    /** The child a pattern token leads to: {@code *} and {@code >} go to their own children. */
    SubjectNode patternChild(String pattern, int start, int end) {
        if (Subjects.isWildcardToken(pattern, start, end, Subjects.SINGLE_WILDCARD)) {
            return singleWildcardChild;
        }
        if (Subjects.isWildcardToken(pattern, start, end, Subjects.FULL_WILDCARD)) {
            return fullWildcardChild;
        }
        return literalChild(pattern, start, end);
    }

    SubjectNode patternChildOrCreate(String pattern, int start, int end) {
        SubjectNode child = patternChild(pattern, start, end);
        if (child != null) {
            return child;
        }
        child = new SubjectNode(pattern, start, end);
        if (Subjects.isWildcardToken(pattern, start, end, Subjects.SINGLE_WILDCARD)) {
            singleWildcardChild = child;
        } else if (Subjects.isWildcardToken(pattern, start, end, Subjects.FULL_WILDCARD)) {
            fullWildcardChild = child;
        } else if (literalChildren == null) {
            literalChildren = child;
        } else if (literalChildren instanceof SubjectNode only) {
            literalChildren = new LiteralChildTable(only, child);
        } else {
            ((LiteralChildTable) literalChildren).add(child);
        }
        return child;
    }

    /** The literal child for a subject token; a literal {@code *} or {@code >} in a published subject finds none. */
    SubjectNode literalChild(String subject, int start, int end) {
        Object children = literalChildren;
        if (children == null) {
            return null;
        }
        int hash = hashToken(subject, start, end);
        if (children instanceof SubjectNode only) {
            return only.hasToken(subject, start, end - start, hash) ? only : null;
        }
        return ((LiteralChildTable) children).find(subject, start, end - start, hash);
    }

    SubjectNode singleWildcardChild() {
        return singleWildcardChild;
    }

    SubjectNode fullWildcardChild() {
        return fullWildcardChild;
    }

    void unlinkChild(SubjectNode child) {
        if (child == singleWildcardChild) {
            singleWildcardChild = null;
        } else if (child == fullWildcardChild) {
            fullWildcardChild = null;
        } else if (literalChildren == child) {
            literalChildren = null;
        } else {
            LiteralChildTable table = (LiteralChildTable) literalChildren;
            table.remove(child);
            if (table.size() == 1) {
                literalChildren = table.anyChild();
            }
        }
    }

    void forEachChild(Consumer<SubjectNode> action) {
        if (literalChildren instanceof SubjectNode only) {
            action.accept(only);
        } else if (literalChildren != null) {
            ((LiteralChildTable) literalChildren).forEach(action);
        }
        if (singleWildcardChild != null) {
            action.accept(singleWildcardChild);
        }
        if (fullWildcardChild != null) {
            action.accept(fullWildcardChild);
        }
    }

    /** No interests and no children: the parent may drop this node. */
    boolean isEmpty() {
        return plainInterests == null && queues.length == 0 && literalChildren == null
                && singleWildcardChild == null && fullWildcardChild == null;
    }

    // ---- interests ending here ----

    void addInterest(Interest interest) {
        String queue = interest.queue();
        if (queue == null) {
            if (plainInterests == null) {
                plainInterests = new InterestList();
            }
            plainInterests.add(interest);
            return;
        }
        QueueMembers members = queueMembers(queue);
        if (members == null) {
            members = new QueueMembers(queue);
            queues = Arrays.copyOf(queues, queues.length + 1);
            queues[queues.length - 1] = members;
        }
        members.add(interest);
    }

    boolean removeInterest(Interest interest) {
        String queue = interest.queue();
        if (queue == null) {
            if (plainInterests == null || !plainInterests.remove(interest)) {
                return false;
            }
            if (plainInterests.size() == 0) {
                plainInterests = null;
            }
            return true;
        }
        QueueMembers members = queueMembers(queue);
        if (members == null || !members.remove(interest)) {
            return false;
        }
        if (members.size() == 0) {
            dropQueue(members);
        }
        return true;
    }

    void collectInterests(MatchCollector collector) {
        if (plainInterests != null) {
            collector.addPlain(plainInterests);
        }
        for (QueueMembers members : queues) {
            collector.addQueueMembers(members);
        }
    }

    void forEachInterest(Consumer<Interest> action) {
        if (plainInterests != null) {
            for (int i = 0; i < plainInterests.size(); i++) {
                action.accept(plainInterests.get(i));
            }
        }
        for (QueueMembers members : queues) {
            for (int i = 0; i < members.size(); i++) {
                action.accept(members.get(i));
            }
        }
    }

    private QueueMembers queueMembers(String queue) {
        for (QueueMembers members : queues) {
            if (members.name.equals(queue)) {
                return members;
            }
        }
        return null;
    }

    private void dropQueue(QueueMembers members) {
        QueueMembers[] remaining = new QueueMembers[queues.length - 1];
        int next = 0;
        for (QueueMembers candidate : queues) {
            if (candidate != members) {
                remaining[next++] = candidate;
            }
        }
        queues = remaining.length == 0 ? NO_QUEUES : remaining;
    }

    /** The same polynomial as String.hashCode, computed over a region so matching needs no substring. */
    static int hashToken(String subject, int start, int end) {
        int hash = 0;
        for (int i = start; i < end; i++) {
            hash = 31 * hash + subject.charAt(i);
        }
        return hash;
    }
}
