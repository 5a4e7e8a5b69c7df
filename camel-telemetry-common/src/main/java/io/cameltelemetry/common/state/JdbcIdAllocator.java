package io.cameltelemetry.common.state;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.apache.camel.RuntimeCamelException;
import org.apache.camel.support.service.ServiceSupport;

/**
 * An {@link IdAllocator} on a database every replica shares (PostgreSQL, H2): one transaction locks the key's row
 * ({@code SELECT ... FOR UPDATE}), raises its last id by the block and commits, so two replicas never get the same id
 * and ids keep growing across restarts. A block per report (not per reading) keeps the database off the hot path.
 * The table ({@code camel_telemetry_ids} by default) is created on start when missing; keys are namespaced by
 * {@code repositoryName}.
 */
public class JdbcIdAllocator extends ServiceSupport implements IdAllocator {

    public static final String DEFAULT_TABLE = "camel_telemetry_ids";
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

    private DataSource dataSource;
    private String tableName = DEFAULT_TABLE;
    private String repositoryName = "default";

    public JdbcIdAllocator() {
    }

    public JdbcIdAllocator(DataSource dataSource, String repositoryName) {
        this.dataSource = dataSource;
        this.repositoryName = repositoryName;
    }

    @Override
    protected void doStart() throws Exception {
        if (dataSource == null) {
            throw new IllegalArgumentException("JdbcIdAllocator needs a dataSource");
        }
        if (tableName == null || !IDENTIFIER.matcher(tableName).matches()) {
            throw new IllegalArgumentException("JdbcIdAllocator tableName '" + tableName
                    + "' must be a plain SQL identifier (letters, digits, _; at most 63)");
        }
        if (repositoryName == null || repositoryName.isBlank() || repositoryName.length() > 255) {
            throw new IllegalArgumentException("JdbcIdAllocator repositoryName '" + repositoryName
                    + "' must be 1 to 255 characters");
        }
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS " + tableName + " (repository VARCHAR(255) NOT NULL, "
                    + "id_key VARCHAR(1024) NOT NULL, last_id BIGINT NOT NULL, PRIMARY KEY (repository, id_key))");
            if (!c.getAutoCommit()) {
                c.commit();
            }
        }
    }

    @Override
    public long allocate(String key, long floor, int count) {
        if (count < 0) {
            throw new IllegalArgumentException("allocate " + count + " ids of " + key + ": 0 or more");
        }
        try (Connection c = dataSource.getConnection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                long last = lockRow(c, key);
                long first = Math.max(last, floor) + 1;
                try (PreparedStatement u = c.prepareStatement(
                        "UPDATE " + tableName + " SET last_id = ? WHERE repository = ? AND id_key = ?")) {
                    u.setLong(1, Math.addExact(first, count - 1L));
                    u.setString(2, repositoryName);
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
            throw new RuntimeCamelException("Allocating " + count + " ids of " + key + " in " + tableName + "/"
                    + repositoryName + " failed: " + e.getMessage(), e);
        }
    }

    /** The key's last id, its row locked until the transaction ends (created at 0 when missing). */
    private long lockRow(Connection c, String key) throws SQLException {
        for (int attempt = 0;; attempt++) {
            try (PreparedStatement s = c.prepareStatement("SELECT last_id FROM " + tableName
                    + " WHERE repository = ? AND id_key = ? FOR UPDATE")) {
                s.setString(1, repositoryName);
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
            insertIfMissing(key);
        }
    }

    /** Creates the key's row in its own transaction; a replica that created it first is fine. */
    private void insertIfMissing(String key) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(
                        "INSERT INTO " + tableName + " (repository, id_key, last_id) VALUES (?, ?, 0)")) {
            c.setAutoCommit(true);
            s.setString(1, repositoryName);
            s.setString(2, key);
            s.executeUpdate();
        } catch (SQLException e) {
            if (e.getSQLState() == null || !e.getSQLState().startsWith("23")) {
                throw e;
            }
        }
    }

    public DataSource getDataSource() {
        return dataSource;
    }

    public void setDataSource(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public String getTableName() {
        return tableName;
    }

    public void setTableName(String tableName) {
        this.tableName = tableName;
    }

    public String getRepositoryName() {
        return repositoryName;
    }

    public void setRepositoryName(String repositoryName) {
        this.repositoryName = repositoryName;
    }

    @Override
    public String toString() {
        return "JdbcIdAllocator[" + tableName + "/" + repositoryName + "]";
    }
}
