package io.cameltelemetry.common.state;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.apache.camel.support.service.ServiceSupport;

/**
 * What the shared-database services have in common: a {@code dataSource}, a {@code tableName} (a plain SQL identifier,
 * created on start when missing) and a {@code repositoryName} that keeps many users of one table apart. Settable as
 * bean properties, so YAML {@code beans:} can declare them.
 */
public abstract class JdbcTableService extends ServiceSupport {

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

    private DataSource dataSource;
    private String tableName;
    private String repositoryName = "default";

    protected JdbcTableService(String defaultTable) {
        this.tableName = defaultTable;
    }

    /** The columns after {@code repository VARCHAR(255) NOT NULL}, the primary key included. */
    protected abstract String columns();

    /** The names of the columns after {@code repository}, comma-separated (checked on start). */
    protected abstract String columnNames();

    @Override
    protected void doStart() throws Exception {
        String type = getClass().getSimpleName();
        if (dataSource == null) {
            throw new IllegalArgumentException(type + " needs a dataSource");
        }
        if (tableName == null || !IDENTIFIER.matcher(tableName).matches()) {
            throw new IllegalArgumentException(type + " tableName '" + tableName
                    + "' must be a plain SQL identifier (letters, digits, _; at most 63)");
        }
        if (repositoryName == null || repositoryName.isBlank() || repositoryName.length() > 255) {
            throw new IllegalArgumentException(type + " repositoryName '" + repositoryName + "' must be 1 to 255 characters");
        }
        try (Connection c = dataSource.getConnection()) {
            JdbcDdl.execute(c, "CREATE TABLE IF NOT EXISTS " + tableName + " (repository VARCHAR(255) NOT NULL, "
                    + columns() + ")");
        } catch (SQLException e) {
            throw new IllegalStateException(type + ": cannot create or reach table " + tableName + ": " + e.getMessage(), e);
        }
        String names = "repository, " + columnNames();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.executeQuery("SELECT " + names + " FROM " + tableName + " WHERE 1 = 0").close();
        } catch (SQLException e) {
            throw new IllegalStateException("Table " + tableName + " exists but is not a table of " + type
                    + ": it needs the columns " + names + " (" + e.getMessage() + "); drop it or choose another tableName",
                    e);
        }
    }

    @Override
    protected void doStop() {
        // nothing held between calls: every call takes and gives back its own connection
    }

    /**
     * Runs one INSERT in its own auto-committed transaction; a row another replica inserted first (a duplicate key) is
     * fine.
     */
    protected void insertIfMissing(String sql, String... values) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            c.setAutoCommit(true);
            for (int i = 0; i < values.length; i++) {
                s.setString(i + 1, values[i]);
            }
            s.executeUpdate();
        } catch (SQLException e) {
            if (!isDuplicateKey(e)) {
                throw e;
            }
        }
    }

    /** SQLState class 23 (integrity constraint violation): 23505 on PostgreSQL and H2. */
    protected static boolean isDuplicateKey(SQLException e) {
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
        return getClass().getSimpleName() + "[" + tableName + "/" + repositoryName + "]";
    }
}
