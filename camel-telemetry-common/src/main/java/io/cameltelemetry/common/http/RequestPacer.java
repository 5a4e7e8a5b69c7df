package io.cameltelemetry.common.http;

/**
 * Spaces the requests of a client (a platform's rate limit, shared by every endpoint of one key). The
 * {@link TelemetryHttpClient} asks it before every attempt and waits what it says, in full, within the same bound as a
 * server's {@code Retry-After}: the remaining request deadline, or without one the client's largest server wait. A wait
 * beyond that bound fails the request at once with a {@link RequestDeadlineException}.
 */
@FunctionalInterface
public interface RequestPacer {

    /** Takes the next turn; returns how many ms to wait before sending (0 or less: at once). */
    long reserve();
}
