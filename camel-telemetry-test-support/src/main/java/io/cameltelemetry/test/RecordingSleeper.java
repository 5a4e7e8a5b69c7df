package io.cameltelemetry.test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.cameltelemetry.common.http.Sleeper;

/**
 * A {@link Sleeper} for retry tests: records each delay the client asked for and returns at once, so a test can check
 * "waited retryMaxDelay, then retried" without spending the seconds.
 */
public final class RecordingSleeper implements Sleeper {

    private final List<Long> delays = new CopyOnWriteArrayList<>();

    @Override
    public void sleep(long millis) {
        delays.add(millis);
    }

    /** The delays asked for, in order. */
    public List<Long> delays() {
        return List.copyOf(delays);
    }

    public void clear() {
        delays.clear();
    }
}
