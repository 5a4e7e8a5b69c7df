package io.cameltelemetry.common.state;

import org.apache.camel.spi.StateRepository;

/**
 * An {@link IdAllocator} on a {@link StateRepository}, atomic within one process only (a read, then a write, under
 * this object's lock): the single-process default. Replicas need a {@link JdbcIdAllocator}. Each block's new last id
 * is stored before the ids are handed out, so an id is never given twice in this process, even when the upload fails.
 */
public final class StateRepositoryIdAllocator implements IdAllocator {

    private final StateRepository<String, String> repository;

    public StateRepositoryIdAllocator(StateRepository<String, String> repository) {
        this.repository = repository;
    }

    @Override
    public synchronized long allocate(String key, long floor, int count) {
        if (count < 0) {
            throw new IllegalArgumentException("allocate " + count + " ids of " + key + ": 0 or more");
        }
        String stored = repository.getState(key);
        long last;
        try {
            last = stored == null ? 0 : Long.parseLong(stored);
        } catch (NumberFormatException e) {
            throw new IllegalStateException("The stored id counter " + key + " = '" + stored
                    + "' is not a number; fix or remove it", e);
        }
        long first = Math.max(last, floor) + 1;
        repository.setState(key, Long.toString(Math.addExact(first, count - 1L)));
        return first;
    }
}
