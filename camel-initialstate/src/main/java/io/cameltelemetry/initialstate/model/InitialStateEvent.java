package io.cameltelemetry.initialstate.model;

import java.io.Serializable;
import java.time.Instant;

/**
 * One event of an Initial State bucket: the value of stream {@code key} at {@code epoch}.
 *
 * @param key   the stream name (at most {@code maxKeyLength} characters)
 * @param value a String (at most 2000 characters), a Boolean or a finite Number
 * @param epoch when it happened (microsecond precision on the wire), or null for "now" when it is sent
 */
public record InitialStateEvent(String key, Object value, Instant epoch) implements Serializable {

    /** An event at {@code epoch}. */
    public static InitialStateEvent of(String key, Object value, Instant epoch) {
        return new InitialStateEvent(key, value, epoch);
    }

    /** An event stamped when it is sent. */
    public static InitialStateEvent of(String key, Object value) {
        return new InitialStateEvent(key, value, null);
    }
}
