package io.cameltelemetry.examples.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

/** The JDK HTTP server on 127.0.0.1 that every sandbox runs on: a small daemon pool, JSON answers, clean close. */
final class LoopbackServer implements AutoCloseable {

    private static final ObjectMapper DETAIL = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService executor;

    private LoopbackServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Starts on 127.0.0.1 and {@code port} (0 = any free port), every path handled by {@code handler}. */
    static LoopbackServer start(int port, String threadName, HttpHandler handler) throws IOException {
        // without TCP_NODELAY the JDK server's responses wait for delayed ACKs (~40 ms a request); read once per JVM
        System.setProperty("sun.net.httpserver.nodelay", System.getProperty("sun.net.httpserver.nodelay", "true"));
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
        ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", handler);
        server.start();
        return new LoopbackServer(server, executor);
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** The most request body bytes a sandbox accepts: larger bodies are answered 413. */
    static final int MAX_REQUEST_BODY = 8 * 1024 * 1024;

    /**
     * Reads the whole request body, at most {@link #MAX_REQUEST_BODY} bytes; null when it is larger. The rest of a
     * larger body is read and dropped (up to 16 times the limit), so that the client, still writing, gets the 413
     * instead of a connection reset.
     */
    static byte[] readBody(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readNBytes(MAX_REQUEST_BODY + 1);
            if (body.length <= MAX_REQUEST_BODY) {
                return body;
            }
            long dropped = 0;
            byte[] skip = new byte[64 * 1024];
            int n;
            while (dropped < 16L * MAX_REQUEST_BODY && (n = in.read(skip)) >= 0) {
                dropped += n;
            }
            return null;
        }
    }

    /** Answers with a JSON body. */
    static void json(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** A request's query parameters, decoded, in order (an empty map for none). */
    static Map<String, String> query(String raw) {
        Map<String, String> q = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return q;
        }
        for (String pair : raw.split("&")) {
            String[] kv = pair.split("=", 2);
            q.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                    kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
        }
        return q;
    }

    /** Answers {@code {"detail": "..."}}, as Django REST framework writes errors. */
    static void detail(HttpExchange exchange, int status, String detail) throws IOException {
        json(exchange, status, DETAIL.createObjectNode().put("detail", detail).toString());
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdown();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
