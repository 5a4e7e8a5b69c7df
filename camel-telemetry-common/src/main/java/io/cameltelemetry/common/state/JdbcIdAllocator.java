package io.cameltelemetry.common.state;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.apache.camel.RuntimeCamelException;

/**
 * An {@link IdAllocator} on a database every replica shares (PostgreSQL, H2): one transaction locks the key's row
 * ({@code SELECT ... FOR UPDATE}), raises its last id by the block and commits, so two replicas never get the same id
 * and ids keep growing across restarts. A block per report (not per reading) keeps the database off the hot path.
 * The table ({@code camel_telemetry_ids} by default) is created on start when missing; keys are namespaced by
 * {@code repositoryName}.
 */
public class JdbcIdAllocator extends JdbcTableService implements IdAllocator {

    public static final String DEFAULT_TABLE = "camel_telemetry_ids";

    public JdbcIdAllocator() {
        super(DEFAULT_TABLE);
    }

    public JdbcIdAllocator(DataSource dataSource, String repositoryName) {
        this();
        setDataSource(dataSource);
        setRepositoryName(repositoryName);
    }

    @Override
    protected String columnNames() {
        return "id_key, last_id";
    }

    @Override
    protected String columns() {
        return "id_key VARCHAR(1024) NOT NULL, last_id BIGINT NOT NULL, PRIMARY KEY (repository, id_key)";
    }

    @Override
    public long allocate(String key, long floor, int count) {
        if (count < 0) {
            throw new IllegalArgumentException("allocate " + count + " ids of " + key + ": 0 or more");
        }
        try (Connection c = getDataSource().getConnection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                long last = lockRow(c, key);
                long first = Math.max(last, floor) + 1;
                try (PreparedStatement u = c.prepareStatement(
                        "UPDATE " + getTableName() + " SET last_id = ? WHERE repository = ? AND id_key = ?")) {
                    u.setLong(1, Math.addExact(first, count - 1L));
                    u.setString(2, getRepositoryName());
                    u.setString(3, key);
                    u.executeUpdate();
                }
                c.commit();
                return first;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(auto);
            }
        } catch (SQLException e) {
            throw new RuntimeCamelException("Allocating " + count + " ids of " + key + " in " + getTableName() + "/"
                    + getRepositoryName() + " failed: " + e.getMessage(), e);
        }
    }

    /** The key's last id, its row locked until the transaction ends (created at 0 when missing). */
    private long lockRow(Connection c, String key) throws SQLException {
        for (int attempt = 0;; attempt++) {
            try (PreparedStatement s = c.prepareStatement("SELECT last_id FROM " + getTableName()
                    + " WHERE repository = ? AND id_key = ? FOR UPDATE")) {
                s.setString(1, getRepositoryName());
                s.setString(2, key);
                try (ResultSet rs = s.executeQuery()) {
                    if (rs.next()) {
                        return rs.getLong(1);
                    }
                }
            }
            if (attempt > 0) {
                throw new SQLException("the id row " + key + " vanished while allocating");
            }
            createRow(key);
        }
    }

    /** Creates the key's row in its own transaction; a replica that created it first is fine. */
    private void createRow(String key) throws SQLException {
        insertIfMissing("INSERT INTO " + getTableName() + " (repository, id_key, last_id) VALUES (?, ?, 0)",
                getRepositoryName(), key);
    }
}
