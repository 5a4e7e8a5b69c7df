package io.cameltelemetry.common.http;

import org.apache.hc.core5.http.ClassicHttpResponse;

/** Reads a 2xx response. It may read the body or not; what it leaves is drained a little or aborted. */
@FunctionalInterface
public interface ResponseReader<T> {
    T read(ClassicHttpResponse response) throws Exception;
}
