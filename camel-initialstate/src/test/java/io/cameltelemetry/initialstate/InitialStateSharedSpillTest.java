package io.cameltelemetry.initialstate;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.cameltelemetry.test.TestDatabases;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.util.ObjectHelper;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The spill in a database replicas share (spillDataSource): a batch one replica spilled is replayed by another, once,
 * in order; replicas replaying at the same time send each body once; a bad database fails the start clearly.
 */
class InitialStateSharedSpillTest extends InitialStateTestSupport {

    @TempDir
    Path dir;

    private CamelContext replica(DataSource db) throws Exception {
        CamelContext ctx = new DefaultCamelContext();
        ctx.getComponent("initialstate", InitialStateComponent.class).setSleeper(sleeper);
        ctx.getRegistry().bind("db", db);
        ctx.start();
        return ctx;
    }

    private static String uri(long replayMillis) {
        return is("b", "key=k&maxRetries=1&spillDataSource=#db&spillReplayInterval=" + replayMillis);
    }

    private static Exchange send(CamelContext ctx, long replayMillis, int value) {
        return ctx.createProducerTemplate().send(uri(replayMillis), e -> {
            e.getIn().setBody(value);
            e.getIn().setHeader(InitialStateConstants.TIMESTAMP, 100 + value);
        });
    }

    private static String body(int value) {
        return "[{\"key\":\"k\",\"value\":" + value + ",\"epoch\":" + (100 + value) + "}]";
    }

    private static int rows(DataSource db, String table) throws Exception {
        try (Connection c = db.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private void spilledByOneReplayedByTheOther(DataSource db) throws Exception {
        stubEvents(503);
        CamelContext a = replica(db);
        try {
            for (int v = 1; v <= 3; v++) {
                Exchange out = send(a, 60_000, v);
                assertNull(out.getException(), "a spilled batch completes the exchange");
                assertEquals(1, out.getMessage().getHeader(InitialStateConstants.SPILLED_EVENT_COUNT));
            }
            assertEquals(3, rows(db, "camel_telemetry_spill"), "committed before the exchanges completed");
        } finally {
            a.stop(); // a replica that spilled goes away, its disk with it
        }
        wireMock.resetAll();
        stubEvents(204);
        CamelContext b = replica(db);
        try {
            send(b, 60_000, 4); // new data of the bucket goes after what a spilled
            await().atMost(Duration.ofSeconds(10)).until(() -> events().size() >= 4);
            assertEquals(List.of(body(1), body(2), body(3), body(4)),
                    events().stream().map(LoggedRequest::getBodyAsString).toList());
            assertEquals(0, rows(db, "camel_telemetry_spill"), "deleted once accepted");
        } finally {
            b.stop();
        }
    }

    @Test
    void aSpillWrittenByOneReplicaIsReplayedByAnotherOnceInOrderOnPostgres() throws Exception {
        spilledByOneReplayedByTheOther(TestDatabases.freshPostgres());
    }

    @Test
    void theSameOnAnH2File() throws Exception {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:file:" + dir.resolve("spill") + ";DB_CLOSE_DELAY=-1");
        spilledByOneReplayedByTheOther(h2);
    }

    @Test
    void replicasReplayingAtTheSameTimeSendEachBodyOnceInOrder() throws Exception {
        DataSource db = TestDatabases.freshPostgres();
        stubEvents(503);
        CamelContext a = replica(db);
        CamelContext b = replica(db);
        try {
            for (int v = 1; v <= 20; v++) {
                assertNull(send(v % 2 == 0 ? a : b, 50, v).getException());
            }
            wireMock.resetAll();
            stubEvents(204);
            // both replicas' replayers (every 50 ms) now race for the bucket
            await().atMost(Duration.ofSeconds(20)).until(() -> rows(db, "camel_telemetry_spill") == 0);
            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> events().size() == 20);
            List<String> expected = new ArrayList<>();
            for (int v = 1; v <= 20; v++) {
                expected.add(body(v));
            }
            assertEquals(expected, events().stream().map(LoggedRequest::getBodyAsString).toList());
        } finally {
            a.stop();
            b.stop();
        }
    }

    @Test
    void aDatabaseThatRefusesConnectionsFailsTheStartNamingTheTable() throws Exception {
        TestDatabases.Switch db = new TestDatabases.Switch(TestDatabases.freshPostgres());
        db.cut();
        Throwable cause = startFailure(db);
        assertTrue(cause.getMessage().contains("camel_telemetry_spill"), cause.getMessage());
        assertTrue(cause.getMessage().contains("Connection refused"), cause.getMessage());
    }

    @Test
    void aTableWithOtherColumnsFailsTheStartNamingTheTable() throws Exception {
        DataSource db = TestDatabases.freshPostgres();
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE camel_telemetry_spill (id BIGINT PRIMARY KEY, payload TEXT)");
        }
        Throwable cause = startFailure(db);
        assertTrue(cause.getMessage().startsWith("Table camel_telemetry_spill exists but is not a spill table: it needs "
                + "the columns id, spill_file, body"), cause.getMessage());
    }

    /** Starts a route on the spill of {@code db}, which must fail; returns the IOException that failed it. */
    private static Throwable startFailure(DataSource db) throws Exception {
        CamelContext ctx = new DefaultCamelContext();
        try {
            ctx.getRegistry().bind("db", db);
            ctx.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:in").to(uri(60_000));
                }
            });
            Exception e = assertThrows(Exception.class, ctx::start);
            Throwable cause = ObjectHelper.getException(IOException.class, e);
            assertNotNull(cause, String.valueOf(e));
            return cause;
        } finally {
            ctx.stop();
        }
    }
}
