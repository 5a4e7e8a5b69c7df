package io.cameltelemetry.common.state;

/**
 * Hands out strictly increasing ids per key, atomically: two callers (threads, or replicas on one database) never get
 * the same id, and ids keep growing across restarts when the allocator is durable.
 */
public interface IdAllocator {

    /**
     * Reserves {@code count} ids of {@code key}, all above {@code floor} and above every id reserved before. With
     * {@code count} 0 nothing is reserved: the key's counter is only raised to at least {@code floor} (ids used as given).
     *
     * @return the first id of the block; the block is {@code first .. first + count - 1}
     */
    long allocate(String key, long floor, int count);
}
