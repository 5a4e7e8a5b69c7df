package io.cameltelemetry.common.state;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JdbcIdAllocatorTest {

    @TempDir
    Path dir;

    DataSource h2() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:file:" + dir.resolve("ids") + ";AUTO_SERVER=TRUE");
        ds.setUser("sa");
        return ds;
    }

    /** Two "replicas" (allocators on one database) allocate blocks at once: every id handed out exactly once. */
    static void replicasNeverShareAnId(DataSource ds) throws Exception {
        JdbcIdAllocator a = new JdbcIdAllocator(ds, "archfx");
        JdbcIdAllocator b = new JdbcIdAllocator(ds, "archfx");
        a.start();
        b.start();
        Set<Long> seen = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> calls = new ArrayList<>();
            for (int i = 0; i < 80; i++) {
                IdAllocator r = i % 2 == 0 ? a : b;
                calls.add(pool.submit(() -> {
                    long first = r.allocate("d--0000-0000-0000-0abc:256", 0, 10);
                    for (long id = first; id < first + 10; id++) {
                        assertTrue(seen.add(id), "id " + id + " handed out twice");
                    }
                }));
            }
            for (Future<?> f : calls) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(800, seen.size());
        assertEquals(800L, seen.stream().mapToLong(Long::longValue).max().orElseThrow(), "no gaps when nothing failed");
        JdbcIdAllocator restarted = new JdbcIdAllocator(ds, "archfx");
        restarted.start();
        assertEquals(801, restarted.allocate("d--0000-0000-0000-0abc:256", 0, 1), "ids go on growing after a restart");
        assertEquals(5001, restarted.allocate("d--0000-0000-0000-0abc:256", 5000, 3), "a floor (ids seen) raises it");
        assertEquals(1, restarted.allocate("other", 0, 1), "keys count apart");
    }

    @Test
    void onH2() throws Exception {
        replicasNeverShareAnId(h2());
    }

    @Test
    void onARealPostgreSql() throws Exception {
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setDataDirectory(dir.resolve("pg")).setCleanDataDirectory(true)
                .start()) {
            replicasNeverShareAnId(pg.getPostgresDatabase());
        }
    }

    @Test
    void badInputIsRefused() {
        JdbcIdAllocator a = new JdbcIdAllocator(h2(), "x");
        a.start();
        assertEquals("allocate -1 ids of k: 0 or more",
                assertThrows(IllegalArgumentException.class, () -> a.allocate("k", 0, -1)).getMessage());
        assertEquals(8, a.allocate("k", 7, 0), "0 ids: the counter raised to the floor (ids used as given)");
        assertEquals(8, a.allocate("k", 0, 2));
    }
}
