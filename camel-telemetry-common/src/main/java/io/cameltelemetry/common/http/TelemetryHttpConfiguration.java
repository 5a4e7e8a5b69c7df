package io.cameltelemetry.common.http;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.StringJoiner;

import io.cameltelemetry.common.RetryPolicy;
import io.cameltelemetry.common.TelemetryValidationException;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.component.http.HttpClientConfigurer;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;

/**
 * The HTTP options every camel-telemetry component has, written once: retries, the overall request deadline, the
 * connection pool, TLS, proxy and the camel-http style client hooks. A component's configuration extends it, adds its
 * platform's options and declares {@code connectTimeout} and {@code requestTimeout} with the platform's defaults. The
 * camel-package plugin walks superclasses, so the catalog, configurers and docs list these options for every
 * component. {@link #toString()} prints every option and masks those marked {@code secret}.
 */
@UriParams
public abstract class TelemetryHttpConfiguration implements Cloneable {

    @UriParam(label = "advanced", defaultValue = "5", description = "How many times a request is retried after a transient failure: an I/O error (not a TLS "
            + "certificate failure) or a status the platform treats as transient (see the component's "
            + "docs). 0 disables retries. Camel's own redelivery still works on top.")
    private int maxRetries = 5;
    /** The default of retryMaxServerWait: 5 minutes. */
    public static final long DEFAULT_RETRY_MAX_SERVER_WAIT = 300_000;

    @UriParam(label = "advanced", defaultValue = "500", javaType = "java.time.Duration", description = "The first retry delay cap; it doubles per attempt (exponential backoff with full jitter).")
    private long retryInitialDelay = 500;
    @UriParam(label = "advanced", defaultValue = "30000", javaType = "java.time.Duration", description = "The largest delay of our own exponential backoff between retries. It never shortens a wait the "
            + "server asked for (Retry-After, a rate limit reset): that is honoured in full, bounded by "
            + "requestDeadline (or retryMaxServerWait without a deadline).")
    private long retryMaxDelay = 30_000;
    @UriParam(label = "advanced", defaultValue = "300000", javaType = "java.time.Duration", description = "The longest wait the server may ask for (Retry-After, X-RateLimit-Reset, a rate limit pause) "
            + "when requestDeadline is 0. A longer wait fails the request at once with a "
            + "RequestDeadlineException naming it (with a deadline, a wait longer than what is left of it "
            + "does the same). Values too large for a number of milliseconds count as longer.")
    private long retryMaxServerWait = DEFAULT_RETRY_MAX_SERVER_WAIT;
    @UriParam(label = "advanced", defaultValue = "300000", javaType = "java.time.Duration", description = "The most one request may take, retries, waits and reading the response body included. "
            + "When it passes, the connection is dropped and the request fails with a "
            + "RequestDeadlineException, so a trickling response or a long run of retries cannot park "
            + "a route. A streamed response handed to the route is bounded until its headers arrive; "
            + "reading it is up to the route. 0 disables the deadline.")
    private long requestDeadline = 300_000;
    @UriParam(label = "advanced", defaultValue = "20", description = "The most pooled connections to the platform (per host and in total) of one client.")
    private int maxConnections = 20;
    @UriParam(label = "security", description = "TLS configuration (trust store, key store, protocols) for HTTPS connections.")
    @Metadata(autowired = false)
    private SSLContextParameters sslContextParameters;
    @UriParam(label = "common,proxy", description = "Proxy host name, when requests go through an HTTP proxy.")
    private String proxyHost;
    @UriParam(label = "common,proxy", description = "Proxy port.")
    private Integer proxyPort;
    @UriParam(label = "common,proxy", enums = "http,https", defaultValue = "http", description = "Proxy scheme: http or https (how we talk to the proxy itself).")
    private String proxyScheme = "http";
    @UriParam(label = "common,proxy", secret = true, description = "Proxy authentication user name.")
    private String proxyAuthUsername;
    @UriParam(label = "common,proxy", secret = true, description = "Proxy authentication password.")
    private String proxyAuthPassword;
    @UriParam(label = "advanced", description = "A pre-built Apache HttpClient 5 client to use instead of our own pooled client. It stays "
            + "yours: never closed by us, and its own timeouts, TLS and proxy settings apply (the "
            + "connectTimeout, requestTimeout, maxConnections, TLS and proxy options are then unused; "
            + "retries and requestDeadline still apply).")
    @Metadata(autowired = false)
    private CloseableHttpClient httpClient;
    @UriParam(label = "advanced", description = "A camel-http HttpClientConfigurer that may change our client's HttpClientBuilder before "
            + "it is built (interceptors, credentials providers, a custom connection manager).")
    @Metadata(autowired = false)
    private HttpClientConfigurer httpClientConfigurer;

    /** Timeout for establishing the TCP/TLS connection, and for leasing a pooled connection, in ms. */
    public abstract long getConnectTimeout();

    /** The platform's address (the {@code baseUrl} option of every component). */
    public abstract String getBaseUrl();

    /** Timeout for the response and for each read of its body, in ms. */
    public abstract long getRequestTimeout();

    /** A copy for an endpoint, which may then override options. */
    protected TelemetryHttpConfiguration copyConfiguration() {
        try {
            return (TelemetryHttpConfiguration) super.clone();
        } catch (CloneNotSupportedException e) {
            throw new RuntimeCamelException(e);
        }
    }

    /**
     * What the HTTP client is built from: two endpoints with equal keys can share one client (and one session); any
     * difference (timeouts, pool, TLS, proxy, a user's client or configurer) gives each its own.
     */
    public Object httpClientKey() {
        return Arrays.asList(getConnectTimeout(), getRequestTimeout(), maxConnections,
                identity(sslContextParameters), proxyHost, proxyPort, proxyScheme, proxyAuthUsername,
                proxyAuthPassword == null ? null : Integer.toHexString(proxyAuthPassword.hashCode()),
                identity(httpClient), identity(httpClientConfigurer));
    }

    private static Object identity(Object o) {
        return o == null ? null : o.getClass().getName() + "@" + System.identityHashCode(o);
    }

    /** The retry policy from maxRetries, retryInitialDelay and retryMaxDelay. */
    public RetryPolicy retryPolicy() {
        return new RetryPolicy(maxRetries, retryInitialDelay, retryMaxDelay);
    }

    /**
     * The values of every {@code secret} option of this class and its subclasses that is set (passwords, keys, user
     * names), for the {@link SecretMasker} of the client built from this configuration.
     */
    public List<String> secretValues() {
        List<String> out = new ArrayList<>();
        forEachOption((field, param, value) -> {
            if (param.secret() && value instanceof CharSequence text && !text.toString().isBlank()) {
                out.add(text.toString());
            }
        });
        return out;
    }

    /**
     * Every {@code @UriParam} of this class and its subclasses, secrets masked. Options whose value is a client or a
     * hook print their type only.
     */
    @Override
    public String toString() {
        StringJoiner out = new StringJoiner(", ", getClass().getSimpleName() + "[", "]");
        forEachOption((field, param, value) -> {
            if (value == null) {
                return;
            }
            String shown = param.secret()
                    ? "******"
                    : value instanceof CharSequence || value instanceof Number || value instanceof Boolean
                            || value instanceof Enum
                                    ? String.valueOf(value)
                                    : value.getClass().getSimpleName();
            out.add(field.getName() + "=" + shown);
        });
        return out.toString();
    }

    private interface OptionVisitor {
        void visit(Field field, UriParam param, Object value);
    }

    /** Visits every {@code @UriParam} field of this class and its subclasses with its value ("?" when unreadable). */
    private void forEachOption(OptionVisitor visitor) {
        for (Class<?> c = getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                UriParam param = f.getAnnotation(UriParam.class);
                if (param == null) {
                    continue;
                }
                Object value;
                try {
                    f.setAccessible(true);
                    value = f.get(this);
                } catch (ReflectiveOperationException | RuntimeException e) {
                    value = "?"; // cannot be read: shown as ?, and as a secret it could not be masked either
                }
                visitor.visit(f, param, value);
            }
        }
    }

    public int getMaxRetries() {
        return maxRetries;
    }

    public void setMaxRetries(int maxRetries) {
        this.maxRetries = maxRetries;
    }

    public long getRetryInitialDelay() {
        return retryInitialDelay;
    }

    public void setRetryInitialDelay(long retryInitialDelay) {
        this.retryInitialDelay = retryInitialDelay;
    }

    public long getRetryMaxDelay() {
        return retryMaxDelay;
    }

    public void setRetryMaxDelay(long retryMaxDelay) {
        this.retryMaxDelay = retryMaxDelay;
    }

    public long getRetryMaxServerWait() {
        return retryMaxServerWait;
    }

    public void setRetryMaxServerWait(long retryMaxServerWait) {
        this.retryMaxServerWait = retryMaxServerWait;
    }

    public long getRequestDeadline() {
        return requestDeadline;
    }

    public void setRequestDeadline(long requestDeadline) {
        this.requestDeadline = requestDeadline;
    }

    public int getMaxConnections() {
        return maxConnections;
    }

    public void setMaxConnections(int maxConnections) {
        this.maxConnections = maxConnections;
    }

    public SSLContextParameters getSslContextParameters() {
        return sslContextParameters;
    }

    public void setSslContextParameters(SSLContextParameters sslContextParameters) {
        this.sslContextParameters = sslContextParameters;
    }

    public String getProxyHost() {
        return proxyHost;
    }

    public void setProxyHost(String proxyHost) {
        this.proxyHost = proxyHost;
    }

    public Integer getProxyPort() {
        return proxyPort;
    }

    public void setProxyPort(Integer proxyPort) {
        this.proxyPort = proxyPort;
    }

    public String getProxyScheme() {
        return proxyScheme;
    }

    public void setProxyScheme(String proxyScheme) {
        this.proxyScheme = proxyScheme;
    }

    public String getProxyAuthUsername() {
        return proxyAuthUsername;
    }

    public void setProxyAuthUsername(String proxyAuthUsername) {
        this.proxyAuthUsername = proxyAuthUsername;
    }

    public String getProxyAuthPassword() {
        return proxyAuthPassword;
    }

    public void setProxyAuthPassword(String proxyAuthPassword) {
        this.proxyAuthPassword = proxyAuthPassword;
    }

    public CloseableHttpClient getHttpClient() {
        return httpClient;
    }

    public void setHttpClient(CloseableHttpClient httpClient) {
        this.httpClient = httpClient;
    }

    public HttpClientConfigurer getHttpClientConfigurer() {
        return httpClientConfigurer;
    }

    public void setHttpClientConfigurer(HttpClientConfigurer httpClientConfigurer) {
        this.httpClientConfigurer = httpClientConfigurer;
    }

    /**
     * Checks the shared options; {@code errors} makes the component's validation exception.
     */
    public void validateHttpOptions(TelemetryValidationException.Factory errors) {
        if (maxRetries < 0) {
            throw errors.invalid("maxRetries", maxRetries, "must be 0 or more");
        }
        if (retryInitialDelay < 0 || retryMaxDelay < 0) {
            throw errors.invalid("retryInitialDelay/retryMaxDelay", retryInitialDelay + "/" + retryMaxDelay,
                    "must be 0 or more");
        }
        if (retryMaxServerWait < 0) {
            throw errors.invalid("retryMaxServerWait", retryMaxServerWait, "must be 0 or more");
        }
        if (requestDeadline < 0) {
            throw errors.invalid("requestDeadline", requestDeadline, "must be 0 (none) or more");
        }
        if (getConnectTimeout() < 0 || getRequestTimeout() < 0) {
            throw errors.invalid("connectTimeout/requestTimeout", getConnectTimeout() + "/" + getRequestTimeout(),
                    "must be 0 (none) or more");
        }
        if (maxConnections < 1) {
            throw errors.invalid("maxConnections", maxConnections, "must be 1 or more");
        }
        if (proxyHost != null && !proxyHost.isBlank() && (proxyPort == null || proxyPort < 1 || proxyPort > 65535)) {
            throw errors.invalid("proxyPort", proxyPort, "a proxyHost needs a proxyPort between 1 and 65535");
        }
        if (proxyScheme != null && !Objects.equals(proxyScheme, "http") && !Objects.equals(proxyScheme, "https")) {
            throw errors.invalid("proxyScheme", proxyScheme, "must be http or https");
        }
        if ((proxyAuthUsername == null) != (proxyAuthPassword == null)) {
            throw errors.invalid(proxyAuthUsername == null ? "proxyAuthUsername" : "proxyAuthPassword",
                    null,
                    "give both proxyAuthUsername and proxyAuthPassword, or neither");
        }
    }
}
