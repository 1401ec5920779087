package io.jnatsd.subject;

/**
 * Every index test runs with the cache off and on, as nats-server runs its sublist tests; the
 * tiny cache also makes eviction sweeps run all the time.
 */
enum CacheMode {
    COLD(0),
    WARM(SubjectIndex.DEFAULT_CACHE_CAPACITY),
    TINY(8);

    final int cacheCapacity;

    CacheMode(int cacheCapacity) {
        this.cacheCapacity = cacheCapacity;
    }

    <T extends Interest> SubjectIndex<T> newIndex() {
        return new SubjectIndex<>(cacheCapacity);
    }
}
