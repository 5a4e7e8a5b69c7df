package io.cameltelemetry.common;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RetryPolicyTest {

    @Test
    void retryAfterIsReadAsSecondsWithOrWithoutUnitOrAsAnHttpDate() {
        assertEquals(3000, RetryPolicy.parseRetryAfter("3"));
        assertEquals(3000, RetryPolicy.parseRetryAfter(" 3s "));
        assertEquals(-1, RetryPolicy.parseRetryAfter("soon"));
        assertEquals(-1, RetryPolicy.parseRetryAfter(null));
        assertEquals(-1, RetryPolicy.parseRetryAfter("-5"));
        String inTenSeconds = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(10));
        long millis = RetryPolicy.parseRetryAfter(inTenSeconds);
        assertTrue(millis > 8000 && millis <= 10000, String.valueOf(millis));
    }

    @Test
    void retryAfterIsCappedByMaxDelayAndBackoffIsJitteredBelowTheDoublingCap() {
        RetryPolicy policy = new RetryPolicy(5, 100, 1000);
        assertEquals(1000, policy.delayMillis(0, RetryPolicy.parseRetryAfter("30")));
        assertEquals(2000, new RetryPolicy(5, 100, 5000).delayMillis(0, RetryPolicy.parseRetryAfter("2s")));
        for (int attempt = 0; attempt < 8; attempt++) {
            long cap = Math.min(1000, 100L << attempt);
            for (int i = 0; i < 50; i++) {
                long d = policy.delayMillis(attempt, -1);
                assertTrue(d >= 0 && d <= cap, attempt + ": " + d + " > " + cap);
            }
        }
    }

    @Test
    void aRetryAfterTooLargeForALongIsTheCapNotAnOverflow() {
        assertEquals(Long.MAX_VALUE, RetryPolicy.parseRetryAfter("9223372036854775807"));
        assertEquals(Long.MAX_VALUE, RetryPolicy.parseRetryAfter("99999999999999999999999"));
        assertEquals(30_000,
                new RetryPolicy(5, 500, 30_000).delayMillis(0, RetryPolicy.parseRetryAfter("9223372036854775807")));
        assertEquals(9_223_372_036_854_000L, RetryPolicy.parseRetryAfter("9223372036854"));
    }

    @Test
    void certificateProblemsAreNotRetried() {
        assertFalse(RetryPolicy.isRetryable(new javax.net.ssl.SSLHandshakeException("PKIX path building failed")));
        assertFalse(RetryPolicy.isRetryable(new javax.net.ssl.SSLPeerUnverifiedException("peer not verified")));
        assertTrue(RetryPolicy.isRetryable(new java.net.SocketTimeoutException("read timed out")));
        assertTrue(RetryPolicy.isRetryable(new java.net.ConnectException("refused")));
    }

    @Test
    void transientStatuses() {
        for (int s : new int[]{ 408, 429, 500, 502, 503, 504 }) {
            assertTrue(RetryPolicy.isRetryableStatus(s), String.valueOf(s));
        }
        for (int s : new int[]{ 200, 302, 400, 401, 403, 404, 422 }) {
            assertFalse(RetryPolicy.isRetryableStatus(s), String.valueOf(s));
        }
    }
}
