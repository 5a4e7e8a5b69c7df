package io.cameltelemetry.common;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a component shares between its endpoints (HTTP clients, signed-in sessions), reference-counted: the first
 * endpoint that needs a resource creates it, each endpoint that stops releases it, the last release closes it, and
 * the component closes what is left when it stops. Endpoints whose keys differ (other credentials, timeouts, TLS,
 * proxy) get separate resources, so no endpoint's settings are silently ignored.
 */
public final class SharedResources {

    private static final Logger LOG = LoggerFactory.getLogger(SharedResources.class);

    /** Closes a resource when its last user releases it. */
    @FunctionalInterface
    public interface Closer<T> {
        void close(T resource) throws Exception;
    }

    private final Map<Object, Entry<?>> entries = new HashMap<>();

    private static final class Entry<T> {
        final T resource;
        final Closer<T> closer;
        int users;

        Entry(T resource, Closer<T> closer) {
            this.resource = resource;
            this.closer = closer;
        }

        void close() {
            try {
                closer.close(resource);
            } catch (Exception e) {
                LOG.debug("Closing {} failed", resource, e);
            }
        }
    }

    /** One user's hold on a shared resource; {@link #release()} once when done. */
    public final class Lease<T> implements AutoCloseable {
        private final Object key;
        private final T resource;
        private boolean released;

        private Lease(Object key, T resource) {
            this.key = key;
            this.resource = resource;
        }

        public T get() {
            return resource;
        }

        /** Gives the resource back; the last user's release closes it. */
        public void release() {
            synchronized (SharedResources.this) {
                if (released) {
                    return;
                }
                released = true;
                Entry<?> e = entries.get(key);
                if (e != null && e.resource == resource && --e.users == 0) {
                    entries.remove(key);
                    e.close();
                }
            }
        }

        @Override
        public void close() {
            release();
        }
    }

    /** The resource for {@code key}, created with {@code create} if nobody holds one. */
    @SuppressWarnings("unchecked")
    public synchronized <T> Lease<T> acquire(Object key, Callable<T> create, Closer<T> closer) throws Exception {
        Entry<T> e = (Entry<T>) entries.get(key);
        if (e == null) {
            e = new Entry<>(create.call(), closer);
            entries.put(key, e);
        }
        e.users++;
        return new Lease<>(key, e.resource);
    }

    /** How many resources are held (for tests and diagnostics). */
    public synchronized int size() {
        return entries.size();
    }

    /** Closes every resource, whoever still holds it (the component is stopping). */
    public void closeAll() {
        List<Entry<?>> all;
        synchronized (this) {
            all = new ArrayList<>(entries.values());
            entries.clear();
        }
        all.forEach(Entry::close);
    }
}
