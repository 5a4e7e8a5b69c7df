package io.cameltelemetry.test;

import java.util.Collection;

import static org.junit.jupiter.api.Assertions.assertFalse;

/** Checks that no secret appears in a text: a toString, a log, an endpoint URI, an exception message. */
public final class SecretAssertions {

    private SecretAssertions() {
    }

    /** Fails naming where a secret was found (never the secret itself). */
    public static void assertNoSecret(String where, String text, String... secrets) {
        for (String secret : secrets) {
            assertFalse(text != null && text.contains(secret), where + " shows a secret");
        }
    }

    /** {@link #assertNoSecret} for every line. */
    public static void assertNoSecret(String where, Collection<String> lines, String... secrets) {
        for (String line : lines) {
            assertNoSecret(where, line, secrets);
        }
    }

    /** The full text of an exception chain: messages of the exception and its causes. */
    public static String chain(Throwable t) {
        StringBuilder out = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            out.append(c).append('\n');
        }
        return out.toString();
    }
}
