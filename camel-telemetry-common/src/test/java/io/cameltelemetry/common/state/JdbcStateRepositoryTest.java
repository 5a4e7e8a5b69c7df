package io.cameltelemetry.common.state;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JdbcStateRepositoryTest {

    @TempDir
    Path dir;

    JdbcDataSource db() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:file:" + dir.resolve("state") + ";AUTO_SERVER=TRUE");
        ds.setUser("sa");
        return ds;
    }

    @Test
    void aCommittedStateIsReadByAnotherInstanceAndRepositoriesShareOneTable() throws Exception {
        JdbcStateRepository dcs = new JdbcStateRepository(db(), "dcs-cursor");
        JdbcStateRepository esmond = new JdbcStateRepository(db(), "esmond-cursor");
        dcs.start();
        esmond.start();
        dcs.setState("R733", "2024-05-01T10:00:00Z");
        esmond.setState("R733", "1391558400:2");
        dcs.setState("R733", "2024-05-01T10:30:00Z");
        dcs.stop();

        JdbcStateRepository restarted = new JdbcStateRepository(db(), "dcs-cursor"); // another process, same database
        restarted.start();
        assertEquals("2024-05-01T10:30:00Z", restarted.getState("R733"));
        assertEquals("1391558400:2", esmond.getState("R733"), "namespaced by repositoryName");
        assertNull(restarted.getState("VM9"));
        restarted.setState("R733", null);
        assertNull(restarted.getState("R733"), "null removes the key");
        try (Connection c = db().getConnection();
                ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM camel_telemetry_state")) {
            rs.next();
            assertEquals(1, rs.getInt(1), "one table, one row left (esmond's)");
        }
    }

    @Test
    void concurrentWritersOfOneKeyNeverFailAndTheLastCommitWins() throws Exception {
        JdbcStateRepository a = new JdbcStateRepository(db(), "ids");
        JdbcStateRepository b = new JdbcStateRepository(db(), "ids");
        a.start();
        b.start();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> writes = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                JdbcStateRepository r = i % 2 == 0 ? a : b;
                String value = String.valueOf(i);
                writes.add(pool.submit(() -> r.setState("key-" + (Integer.parseInt(value) % 5), value)));
            }
            for (Future<?> f : writes) {
                f.get(); // no duplicate-key failure surfaces
            }
        } finally {
            pool.shutdownNow();
        }
        for (int k = 0; k < 5; k++) {
            String v = a.getState("key-" + k);
            assertTrue(Integer.parseInt(v) % 5 == k, v);
        }
    }

    @Test
    void onARealPostgreSqlTwoReplicasShareTheStateAndConcurrentInsertsOfOneKeyAreUpdates() throws Exception {
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setDataDirectory(dir.resolve("pg")).setCleanDataDirectory(true)
                .start()) {
            DataSource ds = pg.getPostgresDatabase();
            JdbcStateRepository a = new JdbcStateRepository(ds, "archfx-ids");
            JdbcStateRepository b = new JdbcStateRepository(ds, "archfx-ids");
            a.setTableName("telemetry_state");
            b.setTableName("telemetry_state");
            a.start();
            b.start(); // the table exists: created once
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Future<?>> writes = new ArrayList<>();
                for (int i = 0; i < 100; i++) {
                    JdbcStateRepository r = i % 2 == 0 ? a : b;
                    String value = String.valueOf(i);
                    writes.add(pool.submit(() -> r.setState("streamer-" + (Integer.parseInt(value) % 3), value)));
                }
                for (Future<?> f : writes) {
                    f.get();
                }
            } finally {
                pool.shutdownNow();
            }
            b.setState("streamer-0", "reading=4711");
            assertEquals("reading=4711", a.getState("streamer-0"), "committed before setState returned");
            try (Connection c = ds.getConnection();
                    ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM telemetry_state")) {
                rs.next();
                assertEquals(3, rs.getInt(1));
            }
        }
    }

    @Test
    void replicasStartingTogetherOnPostgreSqlAllStartAndShareTheirTables() throws Exception {
        // two sessions creating one table at once both pass PostgreSQL's IF NOT EXISTS check, and the second failed
        // with 23505 on the catalog: three pods of one integration started together and two of them did not start
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setDataDirectory(dir.resolve("pg")).setCleanDataDirectory(true)
                .start()) {
            DataSource ds = pg.getPostgresDatabase();
            for (int round = 0; round < 5; round++) {
                String table = "state_" + round;
                ExecutorService pool = Executors.newFixedThreadPool(8);
                try {
                    List<Future<?>> starts = new ArrayList<>();
                    CyclicBarrier together = new CyclicBarrier(8);
                    for (int i = 0; i < 8; i++) {
                        starts.add(pool.submit(() -> {
                            JdbcStateRepository r = new JdbcStateRepository(ds, "replica");
                            r.setTableName(table);
                            together.await();
                            r.start();
                            return null;
                        }));
                    }
                    for (Future<?> f : starts) {
                        f.get(); // fails with the start's exception
                    }
                } finally {
                    pool.shutdownNow();
                }
            }
        }
    }

    @Test
    void badSettingsFailTheStartNamingThem() {
        JdbcStateRepository noDb = new JdbcStateRepository();
        assertEquals("JdbcStateRepository needs a dataSource",
                assertThrows(IllegalArgumentException.class, noDb::start).getMessage());
        JdbcStateRepository injected = new JdbcStateRepository(db(), "x");
        injected.setTableName("state; DROP TABLE users");
        assertTrue(assertThrows(IllegalArgumentException.class, injected::start).getMessage()
                .contains("tableName 'state; DROP TABLE users' must be a plain SQL identifier"));
        JdbcStateRepository r = new JdbcStateRepository(db(), "x");
        r.start();
        String huge = "x".repeat(JdbcStateRepository.MAX_VALUE + 1);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> r.setState("k", huge)).getMessage()
                .contains("more than 1000000"));
        assertNull(r.getState("k"));
    }

    @Test
    void aTableWithOtherColumnsOrADatabaseThatRefusesConnectionsFailTheStartNamingTheTable() throws Exception {
        JdbcDataSource ds = db();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE cursors (name VARCHAR(100), pos VARCHAR(100))");
        }
        JdbcStateRepository wrong = new JdbcStateRepository(ds, "dcs-cursor");
        wrong.setTableName("cursors");
        IllegalStateException e = assertThrows(IllegalStateException.class, wrong::start);
        assertTrue(e.getMessage().startsWith("Table cursors exists but is not a table of JdbcStateRepository: it needs the "
                + "columns repository, state_key, state_value"), e.getMessage());

        JdbcDataSource refusing = new JdbcDataSource();
        refusing.setURL("jdbc:h2:tcp://127.0.0.1:1/nowhere");
        JdbcStateRepository unreachable = new JdbcStateRepository(refusing, "dcs-cursor");
        IllegalStateException down = assertThrows(IllegalStateException.class, unreachable::start);
        assertTrue(down.getMessage().startsWith("JdbcStateRepository: cannot create or reach table camel_telemetry_state: "),
                down.getMessage());
    }

    @Test
    void aCursorThatCannotBeParsedNamesTheTableKeyAndValue() throws Exception {
        JdbcStateRepository r = new JdbcStateRepository(db(), "dcs-cursor");
        r.start();
        r.setState("dcs-cursor:VM9:halfHour", "yesterday");
        StoredCursorException e = assertThrows(StoredCursorException.class,
                () -> StoredCursorException.parse("DCS", r, "dcs-cursor:VM9:halfHour", r.getState("dcs-cursor:VM9:halfHour"),
                        "an ISO-8601 instant", java.time.Instant::parse));
        assertEquals("The stored DCS cursor dcs-cursor:VM9:halfHour = 'yesterday' in table camel_telemetry_state "
                + "(repositoryName dcs-cursor) is not an ISO-8601 instant; fix or remove it (nothing was polled)",
                e.getMessage());
        assertEquals("yesterday", r.getState("dcs-cursor:VM9:halfHour"), "left as it was");
    }
}
