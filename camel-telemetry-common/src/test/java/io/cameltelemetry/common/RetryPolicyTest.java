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
    void retryAfterIsHonouredInFullNotCappedByMaxDelayAndBackoffIsJitteredBelowTheDoublingCap() {
        RetryPolicy policy = new RetryPolicy(5, 100, 1000);
        assertEquals(30_000, policy.delayMillis(0, RetryPolicy.parseRetryAfter("30")));
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
    void aRetryAfterTooLargeForALongIsLongMaxNotAnOverflow() {
        assertEquals(Long.MAX_VALUE, RetryPolicy.parseRetryAfter("9223372036854775807"));
        assertEquals(Long.MAX_VALUE, RetryPolicy.parseRetryAfter("99999999999999999999999"));
        assertEquals(Long.MAX_VALUE, RetryPolicy.parseRetryAfter("9223372036854776"));
        assertEquals(Long.MAX_VALUE,
                new RetryPolicy(5, 500, 30_000).delayMillis(0, RetryPolicy.parseRetryAfter("9223372036854775807")));
        assertEquals(9_223_372_036_854_000L, RetryPolicy.parseRetryAfter("9223372036854"));
    }

    @Test
    void aRateLimitAsksToWaitUntilItsResetOnlyWhenNothingRemains() {
        long now = 1_700_000_000_000L;
        assertEquals(3000, RetryPolicy.rateLimitWaitMillis("0", "1700000003", now), "epoch seconds");
        assertEquals(5000, RetryPolicy.rateLimitWaitMillis("0", "5", now), "seconds from now");
        assertEquals(0, RetryPolicy.rateLimitWaitMillis("0", "1699999999", now), "already past");
        assertEquals(-1, RetryPolicy.rateLimitWaitMillis("3", "1700000003", now));
        assertEquals(-1, RetryPolicy.rateLimitWaitMillis("0", null, now));
        assertEquals(-1, RetryPolicy.rateLimitWaitMillis("none", "5", now));
        assertEquals(Long.MAX_VALUE, RetryPolicy.rateLimitWaitMillis("0", "9223372036854775807", now));
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
