package io.cameltelemetry.common.http;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Masks the secret values of one client (the configured passwords, access keys, api keys and user names marked
 * {@code secret}, plus the tokens a session obtained) wherever they would appear in an exception message or a log line:
 * response bodies echoed by a gateway, reason phrases, header values. A value is masked as it is, URL-encoded and
 * JSON-escaped. Values shorter than {@value #MIN_LENGTH} characters are not masked (they would mangle every message);
 * such a secret is not a secret.
 * <p>
 * Thread-safe; the tokens kept are the last {@value #MAX_DYNAMIC} a session added.
 */
public final class SecretMasker {

    /** What a secret value is replaced with. */
    public static final String MASK = "******";
    /** The shortest value masked. */
    public static final int MIN_LENGTH = 3;
    private static final int MAX_DYNAMIC = 16;

    private final Set<String> fixed = new LinkedHashSet<>();
    private final LinkedHashSet<String> dynamic = new LinkedHashSet<>();
    private volatile List<String> forms = List.of();

    /** A masker of the given values (nulls and short values ignored). */
    public SecretMasker(Collection<String> secrets) {
        if (secrets != null) {
            for (String s : secrets) {
                if (s != null && s.length() >= MIN_LENGTH) {
                    fixed.add(s);
                }
            }
        }
        rebuild();
    }

    /** Adds a value obtained at run time (a session token); the oldest of more than 16 is forgotten. */
    public void add(String secret) {
        if (secret == null || secret.length() < MIN_LENGTH || forms.contains(secret)) {
            return;
        }
        synchronized (this) {
            if (fixed.contains(secret) || !dynamic.add(secret)) {
                return;
            }
            while (dynamic.size() > MAX_DYNAMIC) {
                dynamic.remove(dynamic.iterator().next());
            }
            rebuild();
        }
    }

    private synchronized void rebuild() {
        Set<String> all = new LinkedHashSet<>();
        List<String> values = new ArrayList<>(fixed);
        values.addAll(dynamic);
        for (String s : values) {
            all.add(s);
            all.add(URLEncoder.encode(s, StandardCharsets.UTF_8));
            all.add(URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20"));
            all.add(s.replace("\\", "\\\\").replace("\"", "\\\"").replace("/", "\\/"));
            all.add(Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8)));
        }
        List<String> sorted = new ArrayList<>(all);
        sorted.removeIf(v -> v.length() < MIN_LENGTH);
        sorted.sort((a, b) -> Integer.compare(b.length(), a.length())); // longest first: a value inside another
        forms = List.copyOf(sorted);
    }

    /** The text with every secret value replaced by {@link #MASK}; null stays null. */
    public String mask(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text;
        for (String secret : forms) {
            if (out.contains(secret)) {
                out = out.replace(secret, MASK);
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return "SecretMasker[" + forms.size() + " forms]";
    }
}
