package io.cameltelemetry.common.state;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.apache.camel.RuntimeCamelException;
import org.apache.camel.spi.StateRepository;

/**
 * A Camel {@link StateRepository} on a database every replica of a route shares (PostgreSQL, H2): polling cursors and
 * id counters that outlive a process and its disk. One table holds many repositories, told apart by
 * {@code repositoryName}; the table is created on start when missing. A {@link #setState} is committed before it
 * returns, so what a consumer recorded after delivering survives a kill -9 of its process.
 * <p>
 * Usable from YAML as a bean: {@code type: io.cameltelemetry.common.state.JdbcStateRepository} with the properties
 * {@code dataSource: "#bean:db"}, {@code repositoryName: dcs-cursor} (and {@code tableName}).
 */
public class JdbcStateRepository extends JdbcTableService implements StateRepository<String, String> {

    /** The default table. */
    public static final String DEFAULT_TABLE = "camel_telemetry_state";
    /** The longest value kept (characters). */
    public static final int MAX_VALUE = 1_000_000;

    public JdbcStateRepository() {
        super(DEFAULT_TABLE);
    }

    public JdbcStateRepository(DataSource dataSource, String repositoryName) {
        this();
        setDataSource(dataSource);
        setRepositoryName(repositoryName);
    }

    @Override
    protected String columnNames() {
        return "state_key, state_value";
    }

    @Override
    protected String columns() {
        return "state_key VARCHAR(1024) NOT NULL, state_value VARCHAR(" + MAX_VALUE + ") NOT NULL, "
                + "PRIMARY KEY (repository, state_key)";
    }

    @Override
    public String getState(String key) {
        try (Connection c = getDataSource().getConnection();
                PreparedStatement s = c.prepareStatement(
                        "SELECT state_value FROM " + getTableName() + " WHERE repository = ? AND state_key = ?")) {
            s.setString(1, getRepositoryName());
            s.setString(2, key);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new RuntimeCamelException("Reading state " + key + " of " + getRepositoryName() + " from " + getTableName()
                    + " failed: " + e.getMessage(), e);
        }
    }

    /** Stores the value (null removes the key), committed before it returns; safe against concurrent writers. */
    @Override
    public void setState(String key, String value) {
        if (value != null && value.length() > MAX_VALUE) {
            throw new IllegalArgumentException("state " + key + " of " + getRepositoryName() + " is " + value.length()
                    + " characters, more than " + MAX_VALUE);
        }
        for (int attempt = 0;; attempt++) {
            try (Connection c = getDataSource().getConnection()) {
                boolean auto = c.getAutoCommit();
                try {
                    // one statement in auto-commit mode is atomic and committed when it returns: one round trip when the
                    // key exists (every cursor move but the first); a connection handed out outside auto-commit commits
                    write(c, key, value);
                    if (!auto) {
                        c.commit();
                    }
                    return;
                } catch (SQLException e) {
                    if (!auto) {
                        c.rollback();
                    }
                    // a replica inserted the same key between our UPDATE and INSERT: update it instead, once
                    if (attempt == 0 && isDuplicateKey(e)) {
                        continue;
                    }
                    throw e;
                }
            } catch (SQLException e) {
                throw new RuntimeCamelException("Writing state " + key + " of " + getRepositoryName() + " to " + getTableName()
                        + " failed: " + e.getMessage(), e);
            }
        }
    }

    private void write(Connection c, String key, String value) throws SQLException {
        if (value == null) {
            try (PreparedStatement s = c.prepareStatement(
                    "DELETE FROM " + getTableName() + " WHERE repository = ? AND state_key = ?")) {
                s.setString(1, getRepositoryName());
                s.setString(2, key);
                s.executeUpdate();
            }
            return;
        }
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE " + getTableName() + " SET state_value = ? WHERE repository = ? AND state_key = ?")) {
            s.setString(1, value);
            s.setString(2, getRepositoryName());
            s.setString(3, key);
            if (s.executeUpdate() > 0) {
                return;
            }
        }
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO " + getTableName() + " (repository, state_key, state_value) VALUES (?, ?, ?)")) {
            s.setString(1, getRepositoryName());
            s.setString(2, key);
            s.setString(3, value);
            s.executeUpdate();
        }
    }
}
