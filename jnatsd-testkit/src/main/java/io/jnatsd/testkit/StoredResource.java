package io.jnatsd.testkit;

import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A server, cluster or connection in a JUnit store, closed when the store's scope ends, also
 * after a failure. JUnit 5.13 and later close stored {@link AutoCloseable}s, older versions
 * {@code CloseableResource}s; both call the same {@link #close}, once.
 */
@SuppressWarnings("deprecation")
final class StoredResource implements ExtensionContext.Store.CloseableResource, AutoCloseable {
    private final Object value;
    private final AutoCloseable closer;

    StoredResource(Object value, AutoCloseable closer) {
        this.value = value;
        this.closer = closer;
    }

    <T> T value(Class<T> type) {
        return type.cast(value);
    }

    @Override
    public void close() throws Exception {
        closer.close();
    }
}
