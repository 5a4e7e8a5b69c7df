package io.cameltelemetry.common.http;

/** How the client waits between retries; tests pass one that records the delays instead of sleeping. */
@FunctionalInterface
public interface Sleeper {

    /** Sleeps in real time. */
    Sleeper REAL = Thread::sleep;

    void sleep(long millis) throws InterruptedException;
}
