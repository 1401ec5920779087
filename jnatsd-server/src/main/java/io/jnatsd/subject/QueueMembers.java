package io.jnatsd.subject;

/** The interests of one queue group stored at one trie node. */
final class QueueMembers extends InterestList {

    final String name;

    QueueMembers(String name) {
        this.name = name;
    }
}
