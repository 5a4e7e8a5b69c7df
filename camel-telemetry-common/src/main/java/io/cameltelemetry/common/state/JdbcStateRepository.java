package io.cameltelemetry.common.state;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.apache.camel.RuntimeCamelException;
import org.apache.camel.spi.StateRepository;
import org.apache.camel.support.service.ServiceSupport;

/**
 * A Camel {@link StateRepository} on a database every replica of a route shares (PostgreSQL, H2): polling cursors and
 * id counters that outlive a process and its disk. One table holds many repositories, told apart by
 * {@code repositoryName}; the table is created on start when missing. A {@link #setState} is committed before it
 * returns, so what a consumer recorded after delivering survives a kill -9 of its process.
 * <p>
 * Usable from YAML as a bean: {@code type: io.cameltelemetry.common.state.JdbcStateRepository} with the properties
 * {@code dataSource: "#bean:db"}, {@code repositoryName: dcs-cursor} (and {@code tableName}).
 */
public class JdbcStateRepository extends ServiceSupport implements StateRepository<String, String> {

    /** The default table. */
    public static final String DEFAULT_TABLE = "camel_telemetry_state";
    /** The longest value kept (characters). */
    public static final int MAX_VALUE = 1_000_000;
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

    private DataSource dataSource;
    private String tableName = DEFAULT_TABLE;
    private String repositoryName = "default";

    public JdbcStateRepository() {
    }

    public JdbcStateRepository(DataSource dataSource, String repositoryName) {
        this.dataSource = dataSource;
        this.repositoryName = repositoryName;
    }

    @Override
    protected void doStart() throws Exception {
        if (dataSource == null) {
            throw new IllegalArgumentException("JdbcStateRepository needs a dataSource");
        }
        if (tableName == null || !IDENTIFIER.matcher(tableName).matches()) {
            throw new IllegalArgumentException("JdbcStateRepository tableName '" + tableName
                    + "' must be a plain SQL identifier (letters, digits, _; at most 63)");
        }
        if (repositoryName == null || repositoryName.isBlank() || repositoryName.length() > 255) {
            throw new IllegalArgumentException("JdbcStateRepository repositoryName '" + repositoryName
                    + "' must be 1 to 255 characters");
        }
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS " + tableName + " (repository VARCHAR(255) NOT NULL, "
                    + "state_key VARCHAR(1024) NOT NULL, state_value VARCHAR(" + MAX_VALUE + ") NOT NULL, "
                    + "PRIMARY KEY (repository, state_key))");
            if (!c.getAutoCommit()) {
                c.commit();
            }
        }
    }

    @Override
    protected void doStop() {
        // nothing held between calls: every call takes and gives back its own connection
    }

    @Override
    public String getState(String key) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(
                        "SELECT state_value FROM " + tableName + " WHERE repository = ? AND state_key = ?")) {
            s.setString(1, repositoryName);
            s.setString(2, key);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new RuntimeCamelException("Reading state " + key + " of " + repositoryName + " from " + tableName
                    + " failed: " + e.getMessage(), e);
        }
    }

    /** Stores the value (null removes the key), committed before it returns; safe against concurrent writers. */
    @Override
    public void setState(String key, String value) {
        if (value != null && value.length() > MAX_VALUE) {
            throw new IllegalArgumentException("state " + key + " of " + repositoryName + " is " + value.length()
                    + " characters, more than " + MAX_VALUE);
        }
        for (int attempt = 0;; attempt++) {
            try (Connection c = dataSource.getConnection()) {
                boolean auto = c.getAutoCommit();
                c.setAutoCommit(false);
                try {
                    write(c, key, value);
                    c.commit();
                    return;
                } catch (SQLException e) {
                    c.rollback();
                    // a replica inserted the same key between our UPDATE and INSERT: update it instead, once
                    if (attempt == 0 && isDuplicateKey(e)) {
                        continue;
                    }
                    throw e;
                } finally {
                    c.setAutoCommit(auto);
                }
            } catch (SQLException e) {
                throw new RuntimeCamelException("Writing state " + key + " of " + repositoryName + " to " + tableName
                        + " failed: " + e.getMessage(), e);
            }
        }
    }

    private void write(Connection c, String key, String value) throws SQLException {
        if (value == null) {
            try (PreparedStatement s = c.prepareStatement(
                    "DELETE FROM " + tableName + " WHERE repository = ? AND state_key = ?")) {
                s.setString(1, repositoryName);
                s.setString(2, key);
                s.executeUpdate();
            }
            return;
        }
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE " + tableName + " SET state_value = ? WHERE repository = ? AND state_key = ?")) {
            s.setString(1, value);
            s.setString(2, repositoryName);
            s.setString(3, key);
            if (s.executeUpdate() > 0) {
                return;
            }
        }
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO " + tableName + " (repository, state_key, state_value) VALUES (?, ?, ?)")) {
            s.setString(1, repositoryName);
            s.setString(2, key);
            s.setString(3, value);
            s.executeUpdate();
        }
    }

    /** SQLState class 23 (integrity constraint violation): 23505 on PostgreSQL and H2. */
    private static boolean isDuplicateKey(SQLException e) {
        return e.getSQLState() != null && e.getSQLState().startsWith("23");
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
        return "JdbcStateRepository[" + tableName + "/" + repositoryName + "]";
    }
}
