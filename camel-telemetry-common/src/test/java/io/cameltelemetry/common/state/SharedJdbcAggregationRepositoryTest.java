package io.cameltelemetry.common.state;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.OptimisticLockingAggregationRepository.OptimisticLockingException;
import org.apache.camel.support.DefaultExchange;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Start-up checks of the shared aggregation repository (the two-replica behaviour is tested in camel-pylot). */
class SharedJdbcAggregationRepositoryTest {

    @TempDir
    Path dir;

    private JdbcDataSource h2() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:file:" + dir.resolve("batches"));
        return ds;
    }

    @Test
    void aTableWithOtherColumnsFailsTheStartNamingTheTableAndColumns() throws Exception {
        JdbcDataSource ds = h2();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE pylot_batches (batch_key VARCHAR(255) PRIMARY KEY, payload BLOB)");
        }
        SharedJdbcAggregationRepository repo = new SharedJdbcAggregationRepository(ds, "pylot_batches");
        IllegalStateException e = assertThrows(IllegalStateException.class, repo::start);
        assertTrue(e.getMessage().startsWith("Table pylot_batches exists but is not a table of "
                + "SharedJdbcAggregationRepository: it needs the columns id, exchange, version"), e.getMessage());
    }

    @Test
    void aDatabaseThatRefusesConnectionsFailsTheStartNamingTheRepository() {
        JdbcDataSource refusing = new JdbcDataSource();
        refusing.setURL("jdbc:h2:tcp://127.0.0.1:1/nowhere");
        SharedJdbcAggregationRepository repo = new SharedJdbcAggregationRepository(refusing, "pylot_batches");
        IllegalStateException e = assertThrows(IllegalStateException.class, repo::start);
        assertTrue(e.getMessage().startsWith("Cannot reach the database of aggregation repository pylot_batches: "),
                e.getMessage());
    }

    @Test
    void badSettingsFailTheStartNamingThem() {
        SharedJdbcAggregationRepository noDb = new SharedJdbcAggregationRepository();
        assertEquals("SharedJdbcAggregationRepository needs a dataSource",
                assertThrows(IllegalArgumentException.class, noDb::start).getMessage());
        SharedJdbcAggregationRepository quoted = new SharedJdbcAggregationRepository(h2(), "batches");
        quoted.setInstanceId("pod-1' OR '1'='1");
        assertTrue(assertThrows(IllegalArgumentException.class, quoted::start).getMessage()
                .contains("instanceId 'pod-1' OR '1'='1' must be 1 to 200 letters, digits or ._:@-"));
        SharedJdbcAggregationRepository tooEager = new SharedJdbcAggregationRepository(h2(), "batches");
        tooEager.setDeadAfter(6000);
        assertTrue(assertThrows(IllegalArgumentException.class, tooEager::start).getMessage()
                .contains("deadAfter 6000 ms must be at least twice the recoveryInterval (5000 ms)"));
    }

    @Test
    void everyRepositoryObjectHasItsOwnDefaultInstanceId() {
        assertNotEquals(new SharedJdbcAggregationRepository().getInstanceId(),
                new SharedJdbcAggregationRepository().getInstanceId());
    }

    @Test
    void aCompletedTableOfCamelSqlsPlainRepositoryGainsTheOwnerColumn() throws Exception {
        JdbcDataSource ds = h2();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute(
                    "CREATE TABLE old_batches (id VARCHAR(255) PRIMARY KEY, exchange BLOB NOT NULL, version BIGINT NOT NULL)");
            s.execute("CREATE TABLE old_batches_completed (id VARCHAR(255) PRIMARY KEY, exchange BLOB NOT NULL, "
                    + "version BIGINT NOT NULL)");
        }
        SharedJdbcAggregationRepository repo = new SharedJdbcAggregationRepository(ds, "old_batches");
        repo.start();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.executeQuery("SELECT instance_id FROM old_batches_completed").close();
        }
        repo.stop();
    }

    /** Two replicas read the same open batch; what the second does with its stale copy must fail, not be stored. */
    @Test
    void aStaleCopyOfABatchAnotherReplicaCompletedOrChangedIsAConflictNotANewBatch() throws Exception {
        JdbcDataSource ds = h2();
        try (CamelContext ctx = new DefaultCamelContext()) {
            ctx.start();
            SharedJdbcAggregationRepository a = new SharedJdbcAggregationRepository(ds, "batches");
            SharedJdbcAggregationRepository b = new SharedJdbcAggregationRepository(ds, "batches");
            a.start();
            b.start();
            Exchange first = new DefaultExchange(ctx);
            first.getIn().setBody("m1");
            a.add(ctx, "k", null, first);
            Exchange readByA = a.get(ctx, "k");
            Exchange readByB = b.get(ctx, "k");

            // a completes the batch; b, still holding its copy, adds m2 to it
            a.remove(ctx, "k", readByA);
            readByB.getIn().setBody("m1,m2");
            assertThrows(OptimisticLockingException.class, () -> b.add(ctx, "k", readByB, readByB));
            assertNull(a.get(ctx, "k"), "camel-sql's add stored m1 again in a new batch here: m1 was sent twice");

            // a batch changed by a since b read it: b's add and b's completion both conflict
            Exchange again = new DefaultExchange(ctx);
            again.getIn().setBody("m3");
            a.add(ctx, "k2", null, again);
            Exchange staleB = b.get(ctx, "k2");
            Exchange freshA = a.get(ctx, "k2");
            freshA.getIn().setBody("m3,m4");
            a.add(ctx, "k2", freshA, freshA);
            staleB.getIn().setBody("m3,m5");
            assertThrows(OptimisticLockingException.class, () -> b.add(ctx, "k2", staleB, staleB));
            assertThrows(OptimisticLockingException.class, () -> b.remove(ctx, "k2", staleB));
            assertEquals("m3,m4", a.get(ctx, "k2").getIn().getBody(String.class));
            assertEquals(1, a.scan(ctx).size(), "one completed batch (k), owned by a");
            assertEquals(0, b.scan(ctx).size(), "b does not send a's batch while a lives");
            a.stop();
            b.stop();
        }
    }
}
