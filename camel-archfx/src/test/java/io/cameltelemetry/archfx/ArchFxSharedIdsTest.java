package io.cameltelemetry.archfx;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.cameltelemetry.archfx.model.ArchFxDataPoint;
import io.cameltelemetry.archfx.slug.ArchFxVariableId;
import io.cameltelemetry.common.state.JdbcIdAllocator;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two replicas (two Camel contexts) upload reports of one streamer at once with a {@link JdbcIdAllocator} on one
 * database: no reading id is handed out twice, and a restarted replica goes on above them.
 */
class ArchFxSharedIdsTest extends ArchFxTestSupport {

    @TempDir
    Path dir;

    JdbcIdAllocator allocator() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:file:" + dir.resolve("ids") + ";AUTO_SERVER=TRUE");
        ds.setUser("sa");
        return new JdbcIdAllocator(ds, "archfx-ids");
    }

    CamelContext replica() throws Exception {
        CamelContext replica = new DefaultCamelContext();
        replica.getRegistry().bind("ids", allocator());
        replica.start();
        return replica;
    }

    static List<ArchFxDataPoint> points(int n) {
        List<ArchFxDataPoint> points = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            points.add(ArchFxDataPoint.of(Instant.ofEpochSecond(1_700_000_000L + i), ArchFxVariableId.of(0x5001), i));
        }
        return points;
    }

    @Test
    void replicasNeverReuseAReadingIdAndARestartGoesOnAboveThem() throws Exception {
        stubLogin("T1", null);
        wireMock.stubFor(post(urlPathEqualTo("/api/v1/streamer/report/")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody("{\"count\": 5}")));
        String uri = archfx("report", "device=0abc&idAllocator=#ids");
        Set<Long> lowest = new HashSet<>();
        try (CamelContext a = replica(); CamelContext b = replica()) {
            ProducerTemplate ta = a.createProducerTemplate();
            ProducerTemplate tb = b.createProducerTemplate();
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<Exchange>> sent = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    ProducerTemplate t = i % 2 == 0 ? ta : tb;
                    sent.add(pool.submit(() -> t.request(uri, e -> e.getIn().setBody(points(5)))));
                }
                for (Future<Exchange> f : sent) {
                    Exchange out = f.get();
                    assertNull(out.getException());
                    long low = out.getMessage().getHeader(ArchFxConstants.LOWEST_ID, Long.class);
                    assertEquals(low + 4, out.getMessage().getHeader(ArchFxConstants.HIGHEST_ID, Long.class));
                    assertTrue(lowest.add(low), "block " + low + " handed to two reports");
                }
            } finally {
                pool.shutdownNow();
            }
        }
        assertEquals(20, lowest.size());
        assertEquals(96L, lowest.stream().mapToLong(Long::longValue).max().orElseThrow(), "100 ids, no gaps: 1..100");
        try (CamelContext restarted = replica()) {
            Exchange out = restarted.createProducerTemplate().request(uri, e -> e.getIn().setBody(points(1)));
            assertEquals(101L, out.getMessage().getHeader(ArchFxConstants.LOWEST_ID), "ids go on after a restart");
        }
    }
}
