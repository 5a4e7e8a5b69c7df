package io.cameltelemetry.common.http;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

import javax.net.ssl.SSLContext;

import org.apache.hc.client5.http.auth.AuthScope;
import org.apache.hc.client5.http.auth.UsernamePasswordCredentials;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.auth.BasicCredentialsProvider;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.util.Timeout;

/**
 * The one way camel-telemetry builds an Apache HttpClient 5 client from options: pooled, connect and read timeouts, a
 * bounded wait for a pooled connection, TLS from {@code SSLContextParameters}, an optional proxy, gzip/deflate accepted
 * and decoded, no automatic redirects (so credentials never follow one to another host), no built-in retries (the
 * {@link TelemetryHttpClient} retries), a {@code User-Agent} naming the component and version, and the user's
 * camel-http {@code HttpClientConfigurer} applied last.
 */
public final class HttpClientFactory {

    /** The project version, for the User-Agent. */
    public static final String VERSION = readVersion();

    private HttpClientFactory() {
    }

    /**
     * @param component  the component name for the User-Agent, e.g. {@code camel-pylot}
     * @param cookies    whether the client handles cookies (a session keeps its own store in the request context)
     */
    public static CloseableHttpClient create(TelemetryHttpConfiguration options, SSLContext ssl, String component,
            boolean cookies) {
        Timeout connect = Timeout.ofMilliseconds(options.getConnectTimeout());
        Timeout read = Timeout.ofMilliseconds(options.getRequestTimeout());
        PoolingHttpClientConnectionManagerBuilder pool = PoolingHttpClientConnectionManagerBuilder.create()
                .setMaxConnTotal(options.getMaxConnections())
                .setMaxConnPerRoute(options.getMaxConnections())
                .setDefaultConnectionConfig(
                        ConnectionConfig.custom().setConnectTimeout(connect).setSocketTimeout(read).build());
        if (ssl != null) {
            pool.setTlsSocketStrategy(new DefaultClientTlsStrategy(ssl));
        }
        HttpClientBuilder builder = HttpClients.custom()
                .setConnectionManager(pool.build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setResponseTimeout(read)
                        .setConnectionRequestTimeout(connect)
                        .setRedirectsEnabled(false)
                        .build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .setUserAgent(userAgent(component));
        if (!cookies) {
            builder.disableCookieManagement();
        }
        String proxyHost = options.getProxyHost();
        if (proxyHost != null && !proxyHost.isBlank()) {
            HttpHost proxy = new HttpHost(options.getProxyScheme() == null ? "http" : options.getProxyScheme(),
                    proxyHost.trim(), options.getProxyPort());
            builder.setProxy(proxy);
            if (options.getProxyAuthUsername() != null) {
                BasicCredentialsProvider credentials = new BasicCredentialsProvider();
                credentials.setCredentials(new AuthScope(proxy),
                        new UsernamePasswordCredentials(options.getProxyAuthUsername(),
                                options.getProxyAuthPassword().toCharArray()));
                builder.setDefaultCredentialsProvider(credentials);
            }
        }
        if (options.getHttpClientConfigurer() != null) {
            options.getHttpClientConfigurer().configureHttpClient(builder);
        }
        return builder.build();
    }

    /** {@code camel-pylot/0.1.0}. */
    public static String userAgent(String component) {
        return component + "/" + VERSION;
    }

    private static String readVersion() {
        try (InputStream in = HttpClientFactory.class.getResourceAsStream("/io/cameltelemetry/common/version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "dev");
        } catch (IOException e) {
            return "dev";
        }
    }
}
