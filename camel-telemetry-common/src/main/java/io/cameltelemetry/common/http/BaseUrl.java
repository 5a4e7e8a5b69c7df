package io.cameltelemetry.common.http;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

import io.cameltelemetry.common.TelemetryValidationException;

/** Checks and normalises a platform base URL option. */
public final class BaseUrl {

    private BaseUrl() {
    }

    /**
     * An absolute http(s) URL without user info, trimmed, trailing slashes removed.
     *
     * @param example a valid example for the message, e.g. {@code https://host/DCSWebApi}
     * @throws RuntimeException from {@code errors}, naming the field (and never showing user info)
     */
    public static String check(String field, String url, String example, TelemetryValidationException.Factory errors) {
        String trimmed = url == null ? "" : url.trim();
        URI parsed;
        try {
            parsed = new URI(trimmed);
        } catch (URISyntaxException e) {
            throw errors.invalid(field, url, "not a valid URL; use an absolute http(s) URL such as " + example);
        }
        if (parsed.getUserInfo() != null) {
            throw errors.invalid(field, null, "must not contain credentials; use the component's credential options");
        }
        String scheme = parsed.getScheme() == null ? "" : parsed.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || parsed.getHost() == null) {
            throw errors.invalid(field, url, "must be an absolute http(s) URL such as " + example);
        }
        return stripTrailingSlash(trimmed);
    }

    /** The URL without trailing slashes. */
    public static String stripTrailingSlash(String url) {
        String u = url.trim();
        int end = u.length();
        while (end > 0 && u.charAt(end - 1) == '/') {
            end--;
        }
        return u.substring(0, end);
    }
}
