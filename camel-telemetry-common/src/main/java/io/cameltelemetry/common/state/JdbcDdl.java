package io.cameltelemetry.common.state;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

/**
 * {@code CREATE TABLE IF NOT EXISTS} for replicas that start together: on PostgreSQL two sessions creating the same
 * table at once both pass the "if not exists" check and the second fails on the catalog's unique index (23505) or with
 * 42P07; the table is there either way, so that failure counts as created.
 */
public final class JdbcDdl {

    private JdbcDdl() {
    }

    /** Runs one DDL statement (committed), taking a concurrent creation of the same object by another replica as done. */
    public static void execute(Connection c, String ddl) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(ddl);
            if (!c.getAutoCommit()) {
                c.commit();
            }
        } catch (SQLException e) {
            if (!createdConcurrently(e)) {
                throw e;
            }
            if (!c.getAutoCommit()) {
                c.rollback();
            }
        }
    }

    /** The binary column type of the connection's database: {@code BYTEA} on PostgreSQL, {@code BLOB} elsewhere. */
    public static String blobType(Connection c) throws SQLException {
        String product = c.getMetaData().getDatabaseProductName();
        return product != null && product.toLowerCase(Locale.ROOT).contains("postgres") ? "BYTEA" : "BLOB";
    }

    /** 23505 (a catalog row another session inserted), 42P07 (duplicate table), 42701 (duplicate column), 42710. */
    static boolean createdConcurrently(SQLException e) {
        String state = e.getSQLState();
        return "23505".equals(state) || "42P07".equals(state) || "42701".equals(state) || "42710".equals(state);
    }
}
