package io.cameltelemetry.common.state;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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
}
