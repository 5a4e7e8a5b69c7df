package io.cameltelemetry.archfx;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.cameltelemetry.archfx.model.ArchFxDataPoint;
import io.cameltelemetry.archfx.report.ArchFxReport;
import io.cameltelemetry.archfx.report.ArchFxReportDecoder;
import io.cameltelemetry.archfx.slug.ArchFxVariableId;
import io.cameltelemetry.common.state.JdbcIdAllocator;
import io.cameltelemetry.test.TestDatabases;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.processor.state.MemoryStateRepository;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Replicas (Camel contexts) uploading reports of one streamer through one {@link ArchFxReportLedger} on a real
 * PostgreSQL: uploads reach the cloud in id order, a report an upload left unanswered is uploaded again with its ids
 * before anything newer, a batch sent again is not uploaded again, a refused report blocks nothing, and a lock held too
 * long fails typed.
 */
class ArchFxReportLedgerTest extends ArchFxTestSupport {

    static final String REPORTS = "/api/v1/streamer/report/";

    DataSource db;

    @BeforeEach
    void database() throws Exception {
        db = TestDatabases.freshPostgres();
        stubLogin("T1", null);
    }

    CamelContext replica() throws Exception {
        CamelContext replica = new DefaultCamelContext();
        replica.getRegistry().bind("ids", new JdbcIdAllocator(db, "archfx-ids"));
        ArchFxReportLedger ledger = new ArchFxReportLedger();
        ledger.setDataSource(db);
        ledger.setRepositoryName("factory");
        ledger.setLockTimeout(2);
        replica.getRegistry().bind("ledger", ledger);
        replica.getRegistry().bind("fileIds", new MemoryStateRepository());
        replica.start();
        return replica;
    }

    static final String URI_OPTIONS = "device=0abc&idAllocator=#ids&reportLedger=#ledger&maxRetries=0";

    static List<ArchFxDataPoint> points(int first, int n) {
        List<ArchFxDataPoint> points = new ArrayList<>();
        for (int i = first; i < first + n; i++) {
            points.add(ArchFxDataPoint.of(Instant.ofEpochSecond(1_700_000_000L + i), ArchFxVariableId.of(0x5001), i));
        }
        return points;
    }

    /** Every report upload of the test, in wire order, decoded. */
    static List<ArchFxReport> allUploads() throws Exception {
        List<ArchFxReport> reports = new ArrayList<>();
        for (LoggedRequest r : requests()) {
            if (r.getUrl().startsWith(REPORTS)) {
                reports.add(ArchFxReportDecoder.decode(ArchFxReportProducerTest.reportOf(r)));
            }
        }
        return reports;
    }

    static void stubUploads(int status) {
        wireMock.stubFor(post(urlPathEqualTo(REPORTS)).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json").withBody(status < 300 ? "{\"count\": 5}" : "{}")));
    }

    @Test
    void twoReplicasUploadInIdOrderAndEveryReadingOnce() throws Exception {
        stubUploads(201);
        String uri = archfx("report", URI_OPTIONS + "&maxReadingsPerReport=3");
        try (CamelContext a = replica(); CamelContext b = replica()) {
            ProducerTemplate ta = a.createProducerTemplate();
            ProducerTemplate tb = b.createProducerTemplate();
            ExecutorService pool = Executors.newFixedThreadPool(6);
            try {
                List<Future<Exchange>> sent = new ArrayList<>();
                for (int i = 0; i < 24; i++) {
                    ProducerTemplate t = i % 2 == 0 ? ta : tb;
                    int first = i * 5;
                    sent.add(pool.submit(() -> t.request(uri, e -> e.getIn().setBody(points(first, 5)))));
                }
                for (Future<Exchange> f : sent) {
                    Exchange out = f.get();
                    assertNull(out.getException());
                    assertEquals(2, out.getMessage().getHeader(ArchFxConstants.REPORT_COUNT));
                    assertEquals(0, out.getMessage().getHeader(ArchFxConstants.ALREADY_UPLOADED_COUNT));
                }
            } finally {
                pool.shutdownNow();
            }
        }
        List<ArchFxReport> reports = allUploads();
        assertEquals(48, reports.size(), "24 messages of 5 points, reports of at most 3");
        long lastReading = 0;
        long lastReport = 0;
        List<Double> values = new ArrayList<>();
        for (ArchFxReport r : reports) {
            assertTrue(r.reportId() > lastReport, "report " + r.reportId() + " reached the cloud after " + lastReport);
            lastReport = r.reportId();
            for (ArchFxDataPoint p : r.events()) {
                assertTrue(p.readingId() > lastReading,
                        "reading " + p.readingId() + " reached the cloud after " + lastReading + ": it would be dropped");
                lastReading = p.readingId();
                values.add(p.value());
            }
        }
        assertEquals(120, values.size());
        assertEquals(120, values.stream().distinct().count(), "every reading uploaded once");
    }

    @Test
    void anUnansweredReportIsUploadedAgainWithItsIdsFirstAndItsBatchIsNotUploadedTwice() throws Exception {
        wireMock.stubFor(post(urlPathEqualTo(REPORTS)).inScenario("cloud").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("up"));
        wireMock.stubFor(post(urlPathEqualTo(REPORTS)).inScenario("cloud").whenScenarioStateIs("up")
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody("{\"count\": 4}")));
        String uri = archfx("report", URI_OPTIONS);
        try (CamelContext a = replica(); CamelContext b = replica()) {
            Exchange failed = a.createProducerTemplate().request(uri, e -> e.getIn().setBody(points(0, 4)));
            assertInstanceOf(ArchFxException.class, failed.getException());
            assertEquals(1, pendingRows(), "the unanswered report is kept pending");

            // another replica's newer batch: the pending report goes first, with the same ids
            Exchange newer = b.createProducerTemplate().request(uri, e -> e.getIn().setBody(points(100, 4)));
            assertNull(newer.getException());
            assertEquals(5L, newer.getMessage().getHeader(ArchFxConstants.LOWEST_ID));
            List<ArchFxReport> reports = allUploads();
            assertEquals(3, reports.size());
            assertEquals(reports.get(0).events(), reports.get(1).events(), "sent again byte for byte, ids included");
            assertEquals(List.of(1L, 2L, 3L, 4L), reports.get(1).events().stream().map(ArchFxDataPoint::readingId).toList());
            assertEquals(List.of(5L, 6L, 7L, 8L), reports.get(2).events().stream().map(ArchFxDataPoint::readingId).toList());
            assertEquals(0, pendingRows());

            // the first batch again (a redelivery, or the aggregation repository's recovery): not uploaded again
            Exchange again = a.createProducerTemplate().request(uri, e -> e.getIn().setBody(points(0, 4)));
            assertNull(again.getException());
            assertEquals(1, again.getMessage().getHeader(ArchFxConstants.ALREADY_UPLOADED_COUNT));
            assertEquals(1L, again.getMessage().getHeader(ArchFxConstants.LOWEST_ID));
            assertEquals(4L, again.getMessage().getHeader(ArchFxConstants.HIGHEST_ID));
            assertEquals(3, allUploads().size(), "nothing uploaded for a batch the cloud has");
        }
    }

    @Test
    void aRefusedReportBlocksNothing() throws Exception {
        wireMock.stubFor(post(urlPathEqualTo(REPORTS)).inScenario("cloud").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(400).withBody("{\"detail\": \"bad report\"}")).willSetStateTo("up"));
        wireMock.stubFor(post(urlPathEqualTo(REPORTS)).inScenario("cloud").whenScenarioStateIs("up")
                .willReturn(aResponse().withStatus(201)));
        String uri = archfx("report", URI_OPTIONS);
        try (CamelContext a = replica()) {
            Exchange refused = a.createProducerTemplate().request(uri, e -> e.getIn().setBody(points(0, 2)));
            ArchFxException e = assertInstanceOf(ArchFxException.class, refused.getException());
            assertEquals(400, e.getStatusCode());
            assertEquals(0, pendingRows());
            Exchange next = a.createProducerTemplate().request(uri, x -> x.getIn().setBody(points(10, 2)));
            assertNull(next.getException());
            assertEquals(2, allUploads().size(), "the refused report is not uploaded again before the next one");
        }
    }

    @Test
    void aLockHeldLongerThanLockTimeoutFailsTypedAndUploadsNothing() throws Exception {
        stubUploads(201);
        String uri = archfx("report", URI_OPTIONS);
        try (CamelContext a = replica()) {
            // the streamer's lock row exists after one upload
            assertNull(a.createProducerTemplate().request(uri, e -> e.getIn().setBody(points(0, 1))).getException());
            try (Connection holder = db.getConnection(); Statement s = holder.createStatement()) {
                holder.setAutoCommit(false);
                s.executeQuery("SELECT * FROM " + ArchFxReportLedger.DEFAULT_TABLE + "_locks FOR UPDATE").close();
                Exchange blocked = a.createProducerTemplate().request(uri, e -> e.getIn().setBody(points(5, 1)));
                ArchFxLedgerException e = assertInstanceOf(ArchFxLedgerException.class, blocked.getException());
                assertTrue(e.getMessage().contains("could not lock streamer") && e.getMessage().contains("lockTimeout 2 s"),
                        e.getMessage());
                holder.rollback();
            }
            assertEquals(1, allUploads().size());
        }
    }

    @Test
    void aDatabaseThatDoesNotAnswerFailsTypedAndUploadsNothing() throws Exception {
        stubUploads(201);
        TestDatabases.Switch cut = new TestDatabases.Switch(db);
        String uri = archfx("report", URI_OPTIONS);
        CamelContext a = new DefaultCamelContext();
        try {
            a.getRegistry().bind("ids", new JdbcIdAllocator(cut, "archfx-ids"));
            ArchFxReportLedger ledger = new ArchFxReportLedger();
            ledger.setDataSource(cut);
            a.getRegistry().bind("ledger", ledger);
            a.start();
            assertNull(a.createProducerTemplate().request(uri, e -> e.getIn().setBody(points(0, 1))).getException());
            cut.cut();
            Exchange out = a.createProducerTemplate().request(uri, e -> e.getIn().setBody(points(5, 1)));
            ArchFxLedgerException e = assertInstanceOf(ArchFxLedgerException.class, out.getException());
            assertTrue(e.getMessage().contains(ArchFxReportLedger.DEFAULT_TABLE) && e.getMessage().contains("database failed"),
                    e.getMessage());
            assertEquals(1, allUploads().size(), "nothing uploaded while the ledger cannot order it");
            cut.restore();
            assertNull(a.createProducerTemplate().request(uri, x -> x.getIn().setBody(points(5, 1))).getException());
            assertEquals(2, allUploads().size());
        } finally {
            a.stop();
        }
    }

    @Test
    void aLedgerWithoutASharedIdAllocatorDoesNotStart() throws Exception {
        try (CamelContext a = replica()) {
            Exception e = assertThrows(Exception.class, () -> a.getEndpoint(
                    archfx("report", "device=0abc&reportLedger=#ledger&idRepository=#fileIds")).start());
            ArchFxValidationException v = assertInstanceOf(ArchFxValidationException.class, rootOf(e));
            assertNotNull(v.getMessage());
            assertTrue(v.getMessage().contains("reportLedger") && v.getMessage().contains("idAllocator"), v.getMessage());
        }
    }

    static Throwable rootOf(Throwable t) {
        while (t.getCause() != null && !(t instanceof ArchFxValidationException)) {
            t = t.getCause();
        }
        return t;
    }

    int pendingRows() throws Exception {
        try (Connection c = db.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + ArchFxReportLedger.DEFAULT_TABLE
                        + " WHERE state = 'pending'")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
