package io.cameltelemetry.archfx;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.cameltelemetry.archfx.model.ArchFxDataPoint;
import io.cameltelemetry.common.state.JdbcDdl;
import io.cameltelemetry.common.state.JdbcTableService;
import org.apache.camel.RuntimeCamelException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Orders the report uploads of every replica of an integration, per streamer, on the database they share: ArchFX
 * ingests a reading only when its id is above every id it has of the streamer, so two replicas uploading at once, or a
 * batch that a dead replica completed and a live one sends later, would have their readings silently dropped as
 * "older data".
 * <p>
 * For each report (a chunk of at most maxReadingsPerReport points of a batch), under a lock on the streamer's row
 * ({@code SELECT ... FOR UPDATE}, held until the upload has ended; a replica killed while holding it loses its
 * connection and with it the lock):
 * <ol>
 * <li>a report an earlier upload left <em>pending</em> (its replica died, or the cloud did not answer) is uploaded
 * again first, with the ids it had: ArchFX ignores it when it has it, and ingests it otherwise;</li>
 * <li>a chunk already uploaded (the same points, found by a SHA-256 of their content) is not uploaded again: a batch
 * sent again after a crash changes nothing;</li>
 * <li>otherwise the chunk gets the next ids (from the endpoint's id store, under the lock, so ids reach the cloud in
 * the order they were given), is committed as pending, uploaded, and marked done.</li>
 * </ol>
 * A report the cloud refuses with a 4xx (other than 408 and 429) is marked refused and blocks nothing; any other
 * failure leaves it pending for the next upload of the streamer. Done and refused rows are deleted after
 * {@code retentionDays}. The table ({@code camel_telemetry_archfx_reports}, plus {@code <table>_locks}) is created on
 * start; many integrations share it by {@code repositoryName}. Settable as bean properties, for YAML {@code beans:}.
 */
public class ArchFxReportLedger extends JdbcTableService {

    public static final String DEFAULT_TABLE = "camel_telemetry_archfx_reports";

    private static final Logger LOG = LoggerFactory.getLogger(ArchFxReportLedger.class);
    private static final String PENDING = "pending";
    private static final String DONE = "done";
    private static final String REFUSED = "refused";

    private int lockTimeout = 120;
    private int retentionDays = 7;
    private volatile String blobType = "BLOB";
    private volatile long nextPrune;

    public ArchFxReportLedger() {
        super(DEFAULT_TABLE);
    }

    /** One report as the cloud gets it, with the ids it carries. */
    public record Report(long reportId, long lowestId, long highestId, int readings, String sentTimestamp, byte[] bytes) {
    }

    /** Numbers and encodes a chunk: called under the streamer's lock, only for a chunk not uploaded before. */
    @FunctionalInterface
    public interface Encoder {
        Report encode(List<ArchFxDataPoint> chunk) throws Exception;
    }

    /** Uploads one report; returns the count the cloud accepted (null when it did not say). */
    @FunctionalInterface
    public interface Uploader {
        Long upload(byte[] report, String sentTimestamp) throws Exception;
    }

    /**
     * What happened to one chunk: the report (its ids), whether it was uploaded now (false: an earlier upload of the
     * same points is recorded), and the count the cloud accepted.
     */
    public record Outcome(Report report, boolean uploaded, Long accepted) {
    }

    @Override
    protected void doStart() throws Exception {
        if (lockTimeout < 1) {
            throw new IllegalArgumentException("ArchFxReportLedger lockTimeout " + lockTimeout + " s must be 1 or more");
        }
        if (retentionDays < 1) {
            throw new IllegalArgumentException("ArchFxReportLedger retentionDays " + retentionDays + " must be 1 or more");
        }
        if (getDataSource() != null) {
            try (Connection c = getDataSource().getConnection()) {
                blobType = JdbcDdl.blobType(c);
            } catch (SQLException e) {
                throw new IllegalStateException("ArchFxReportLedger: cannot reach the database of table " + getTableName()
                        + ": " + e.getMessage(), e);
            }
        }
        super.doStart();
        try (Connection c = getDataSource().getConnection()) {
            JdbcDdl.execute(c, "CREATE TABLE IF NOT EXISTS " + locks() + " (repository VARCHAR(255) NOT NULL, streamer "
                    + "VARCHAR(255) NOT NULL, PRIMARY KEY (repository, streamer))");
        } catch (SQLException e) {
            throw new IllegalStateException("ArchFxReportLedger: cannot create table " + locks() + ": " + e.getMessage(), e);
        }
    }

    @Override
    protected String columns() {
        return "streamer VARCHAR(255) NOT NULL, report_id BIGINT NOT NULL, chunk_hash VARCHAR(64) NOT NULL, "
                + "state VARCHAR(16) NOT NULL, lowest_id BIGINT NOT NULL, highest_id BIGINT NOT NULL, readings INT NOT NULL, "
                + "sent_timestamp VARCHAR(64) NOT NULL, report " + blobType + ", created TIMESTAMP NOT NULL, "
                + "PRIMARY KEY (repository, streamer, report_id)";
    }

    @Override
    protected String columnNames() {
        return "streamer, report_id, chunk_hash, state, lowest_id, highest_id, readings, sent_timestamp, report, created";
    }

    private String locks() {
        return getTableName() + "_locks";
    }

    /**
     * Uploads a chunk of a batch in the streamer's order (see the class comment).
     *
     * @param streamer the streamer slug (its text form)
     * @param chunk    the points of one report, in the order they are reported
     */
    public Outcome send(String streamer, List<ArchFxDataPoint> chunk, Encoder encoder, Uploader uploader) throws Exception {
        try {
            return sendInOrder(streamer, chunk, encoder, uploader);
        } catch (SQLException e) {
            // before the upload: nothing was uploaded; after it: the report stays pending and goes first next time
            throw new ArchFxLedgerException("ArchFX report ledger " + getTableName() + "/" + getRepositoryName()
                    + ": the database failed (" + e.getMessage() + "); an upload it could not record stays pending and "
                    + "is uploaded again, with its ids, before anything newer of streamer " + streamer, e);
        }
    }

    private Outcome sendInOrder(String streamer, List<ArchFxDataPoint> chunk, Encoder encoder, Uploader uploader)
            throws Exception {
        String hash = hash(chunk);
        try (Connection lock = getDataSource().getConnection()) {
            boolean auto = lock.getAutoCommit();
            lock.setAutoCommit(false);
            try {
                lock(lock, streamer);
                resendPending(streamer, uploader);
                Report done = findDone(streamer, hash);
                if (done != null) {
                    LOG.debug("ArchFX report of {} points on {} was uploaded before as report {} (ids {}-{}): not again",
                            chunk.size(), streamer, done.reportId(), done.lowestId(), done.highestId());
                    return new Outcome(done, false, null);
                }
                Report report = encoder.encode(chunk);
                insertPending(streamer, hash, report);
                Long accepted = upload(streamer, report, uploader);
                prune();
                return new Outcome(report, true, accepted);
            } finally {
                release(lock, auto);
            }
        }
    }

    /**
     * Locks the streamer's row until the lock connection's transaction ends, waiting at most lockTimeout (H2 gives up a
     * lock wait after its own LOCK_TIMEOUT: the wait is tried again until lockTimeout has passed).
     */
    private void lock(Connection c, String streamer) throws SQLException {
        long deadline = System.nanoTime() + lockTimeout * 1_000_000_000L;
        boolean inserted = false;
        while (true) {
            long left = deadline - System.nanoTime();
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT streamer FROM " + locks() + " WHERE repository = ? AND streamer = ? FOR UPDATE")) {
                s.setQueryTimeout((int) Math.max(1, (left + 999_999_999L) / 1_000_000_000L));
                s.setString(1, getRepositoryName());
                s.setString(2, streamer);
                try (ResultSet rs = s.executeQuery()) {
                    if (rs.next()) {
                        return;
                    }
                }
            } catch (SQLException e) {
                quietRollback(c);
                if (!isLockWait(e) || System.nanoTime() - deadline >= 0) {
                    throw new ArchFxLedgerException("ArchFX report ledger " + getTableName() + "/" + getRepositoryName()
                            + ": could not lock streamer " + streamer + " within lockTimeout " + lockTimeout
                            + " s (another replica is uploading, or the database does not answer): " + e.getMessage(), e);
                }
                continue;
            }
            if (inserted) {
                throw new ArchFxLedgerException("ArchFX report ledger " + getTableName() + ": the lock row of streamer "
                        + streamer + " vanished", null);
            }
            insertLockRow(streamer);
            inserted = true;
        }
    }

    /**
     * Ends the lock's transaction (the row was only read), freeing the lock. A connection the database has dropped
     * frees it anyway: that failure is logged, never thrown over the exchange's own outcome.
     */
    private static void release(Connection lock, boolean auto) {
        quietRollback(lock);
        try {
            lock.setAutoCommit(auto);
        } catch (SQLException e) {
            LOG.debug("ArchFX report ledger: restoring auto-commit failed: {}", e.getMessage());
        }
    }

    private static void quietRollback(Connection c) {
        try {
            c.rollback();
        } catch (SQLException e) {
            LOG.warn("ArchFX report ledger: ending the lock's transaction failed (the database frees the lock with the "
                    + "connection): {}", e.getMessage());
        }
    }

    /** A lock wait that gave up (H2's LOCK_TIMEOUT HYT00, PostgreSQL's 55P03 and 57014 query canceled, 40001). */
    private static boolean isLockWait(SQLException e) {
        String state = e.getSQLState();
        return "HYT00".equals(state) || "55P03".equals(state) || "57014".equals(state) || "40001".equals(state);
    }

    private void insertLockRow(String streamer) throws SQLException {
        insertIfMissing("INSERT INTO " + locks() + " (repository, streamer) VALUES (?, ?)", getRepositoryName(), streamer);
    }

    /** Uploads again, in id order, what an earlier upload left pending (under the lock). */
    private void resendPending(String streamer, Uploader uploader) throws Exception {
        for (Report r : reports(streamer, "state = ?", PENDING, true)) {
            LOG.info("ArchFX report {} of {} (ids {}-{}) was left pending by an earlier upload: uploading it again first",
                    r.reportId(), streamer, r.lowestId(), r.highestId());
            upload(streamer, r, uploader);
        }
    }

    /** The streamer's reports whose {@code condition} (one ? for {@code value}) holds, in id order. */
    private List<Report> reports(String streamer, String condition, String value, boolean withBytes) throws SQLException {
        List<Report> found = new ArrayList<>();
        try (Connection c = autoCommit();
                PreparedStatement s = c.prepareStatement("SELECT report_id, lowest_id, highest_id, readings, sent_timestamp"
                        + (withBytes ? ", report" : "") + " FROM " + getTableName()
                        + " WHERE repository = ? AND streamer = ? AND " + condition + " ORDER BY report_id")) {
            s.setString(1, getRepositoryName());
            s.setString(2, streamer);
            s.setString(3, value);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    found.add(new Report(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getInt(4), rs.getString(5),
                            withBytes ? rs.getBytes(6) : null));
                }
            }
        }
        return found;
    }

    private Long upload(String streamer, Report report, Uploader uploader) throws Exception {
        Long accepted;
        try {
            accepted = uploader.upload(report.bytes(), report.sentTimestamp());
        } catch (ArchFxException e) {
            int status = e.getStatusCode();
            if (status >= 400 && status < 500 && status != 408 && status != 429) {
                mark(streamer, report.reportId(), REFUSED);
            }
            throw e;
        }
        mark(streamer, report.reportId(), DONE);
        return accepted;
    }

    private Report findDone(String streamer, String hash) throws SQLException {
        List<Report> done = reports(streamer, "state = '" + DONE + "' AND chunk_hash = ?", hash, false);
        return done.isEmpty() ? null : done.get(0);
    }

    private void insertPending(String streamer, String hash, Report r) throws SQLException {
        try (Connection c = autoCommit();
                PreparedStatement s = c.prepareStatement("INSERT INTO " + getTableName()
                        + " (repository, streamer, report_id, chunk_hash, state, lowest_id, highest_id, readings, sent_timestamp, "
                        + "report, created) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CURRENT_TIMESTAMP)")) {
            s.setString(1, getRepositoryName());
            s.setString(2, streamer);
            s.setLong(3, r.reportId());
            s.setString(4, hash);
            s.setString(5, PENDING);
            s.setLong(6, r.lowestId());
            s.setLong(7, r.highestId());
            s.setInt(8, r.readings());
            s.setString(9, r.sentTimestamp());
            s.setBytes(10, r.bytes());
            s.executeUpdate();
        }
    }

    private void mark(String streamer, long reportId, String state) throws SQLException {
        try (Connection c = autoCommit();
                PreparedStatement s = c.prepareStatement("UPDATE " + getTableName()
                        + " SET state = ?, report = NULL WHERE repository = ? AND streamer = ? AND report_id = ?")) {
            s.setString(1, state);
            s.setString(2, getRepositoryName());
            s.setString(3, streamer);
            s.setLong(4, reportId);
            s.executeUpdate();
        }
    }

    /** Deletes done and refused rows older than retentionDays, at most once an hour per ledger. */
    private void prune() {
        long now = System.currentTimeMillis();
        if (now < nextPrune) {
            return;
        }
        nextPrune = now + 3_600_000L;
        try (Connection c = autoCommit();
                PreparedStatement s = c.prepareStatement("DELETE FROM " + getTableName()
                        + " WHERE repository = ? AND state <> ? AND created < ?")) {
            s.setString(1, getRepositoryName());
            s.setString(2, PENDING);
            s.setTimestamp(3, new Timestamp(now - retentionDays * 86_400_000L));
            int n = s.executeUpdate();
            if (n > 0) {
                LOG.debug("ArchFX report ledger {}: pruned {} rows older than {} days", getTableName(), n, retentionDays);
            }
        } catch (SQLException e) {
            LOG.warn("ArchFX report ledger {}: pruning old rows failed (tried again in an hour): {}", getTableName(),
                    e.getMessage());
        }
    }

    private Connection autoCommit() throws SQLException {
        Connection c = getDataSource().getConnection();
        c.setAutoCommit(true);
        return c;
    }

    /** A SHA-256 of what the cloud would store of the points (ids given by the user included). */
    static String hash(List<ArchFxDataPoint> chunk) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (ArchFxDataPoint p : chunk) {
                String line = p.timestamp() + "|" + p.stream() + "|" + Double.doubleToLongBits(p.value()) + "|"
                        + canonical(p.summaryData()) + "|" + canonical(p.rawData()) + "|" + p.readingId() + "\n";
                md.update(line.getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new RuntimeCamelException(e);
        }
    }

    private static String canonical(Map<String, Object> map) {
        return map == null ? "-" : new TreeMap<>(map).toString();
    }

    /** Seconds to wait for the streamer's lock (another replica's upload) before the exchange fails; default 120. */
    public int getLockTimeout() {
        return lockTimeout;
    }

    public void setLockTimeout(int lockTimeout) {
        this.lockTimeout = lockTimeout;
    }

    /** Days a done or refused report is remembered (a batch sent again within them is not uploaded again); default 7. */
    public int getRetentionDays() {
        return retentionDays;
    }

    public void setRetentionDays(int retentionDays) {
        this.retentionDays = retentionDays;
    }
}
