package io.jnatsd.subject;

/** An interest compared by identity, as the index compares them, with a readable name. */
final class TestInterest implements Interest {

    private final String subject;
    private final String queue;
    private final String name;

    TestInterest(String name, String subject, String queue) {
        this.name = name;
        this.subject = subject;
        this.queue = queue;
    }

    static TestInterest plain(String subject) {
        return new TestInterest(subject, subject, null);
    }

    static TestInterest queue(String subject, String queue) {
        return new TestInterest(subject + "/" + queue, subject, queue);
    }

    @Override
    public String subject() {
        return subject;
    }

    @Override
    public String queue() {
        return queue;
    }

    @Override
    public String toString() {
        return name;
    }
}
