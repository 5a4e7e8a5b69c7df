package io.cameltelemetry.common.state;

import java.sql.Connection;
import java.sql.Timestamp;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.processor.aggregate.AggregateProcessor;
import org.apache.camel.processor.aggregate.jdbc.ClusteredJdbcAggregationRepository;
import org.apache.camel.spi.OptimisticLockingAggregationRepository.OptimisticLockingException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * An aggregation repository for batches (PYLOT's, Initial State's, esmond's, ArchFX's) that several replicas of a
 * route share on one database (PostgreSQL; H2 for one process): camel-sql's {@link ClusteredJdbcAggregationRepository}
 * plus what running it needs beyond camel-sql.
 * <ul>
 * <li>Its tables ({@code <repositoryName>}, {@code <repositoryName>_completed} and {@code <repositoryName>_instances})
 * are created on start when missing ({@code BYTEA} on PostgreSQL, {@code BLOB} elsewhere), and a table that exists
 * with other columns fails the start with an error naming the table and the columns it needs.</li>
 * <li>The deserialization filter lets our batch types through ({@code io.cameltelemetry.**}, beside camel-sql's
 * {@code java.**;org.apache.camel.**}).</li>
 * <li>A completed batch belongs to the replica that completed it ({@code instanceId}, by default the host name, the
 * process id and a number: never set two live replicas to the same one, or each sends the other's batches again): only
 * that replica sends it again
 * after a failed send, so two live replicas never send one batch twice. Every replica records a heartbeat in
 * {@code <repositoryName>_instances} (database time) at each recovery scan; the completed batches of a replica whose
 * heartbeat is older than {@code deadAfter} (it was killed, or stopped) are taken over, in one {@code UPDATE}, by
 * exactly one live replica, which sends them. A replica that stops cleanly hands its batches over at once.</li>
 * </ul>
 * Open batches are shared by correlation key: replicas add to the same row, so the aggregator must use
 * {@code optimisticLocking} (a concurrent add is retried, never lost). In YAML: {@code type:
 * io.cameltelemetry.common.state.SharedJdbcAggregationRepository} with {@code dataSource: "#bean:db"} and
 * {@code repositoryName}. Needs camel-sql on the classpath (an optional dependency of this module).
 */
public class SharedJdbcAggregationRepository extends ClusteredJdbcAggregationRepository {

    /** camel-sql's default filter plus the batch types of camel-telemetry. */
    public static final String DEFAULT_DESERIALIZATION_FILTER = "java.**;org.apache.camel.**;io.cameltelemetry.**;!*";

    private static final Logger LOG = LoggerFactory.getLogger(SharedJdbcAggregationRepository.class);
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,40}");
    private static final Pattern INSTANCE = Pattern.compile("[A-Za-z0-9._:@-]{1,200}");

    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private long deadAfter = 30_000;

    public SharedJdbcAggregationRepository() {
        setRepositoryName("aggregation");
        setUseRecovery(true);
        setRecoveryInterval(5000);
        setMaximumRedeliveries(5);
        setRecoveryByInstance(true);
        setInstanceId(defaultInstanceId());
        setDeserializationFilter(DEFAULT_DESERIALIZATION_FILTER);
    }

    public SharedJdbcAggregationRepository(DataSource dataSource, String repositoryName) {
        this();
        setDataSource(dataSource);
        setRepositoryName(repositoryName);
    }

    /**
     * The host name (a pod's name on Kubernetes), the process id and a number per repository object in this process:
     * unique among live replicas, and between two CamelContexts of one process that share a repository name (two that
     * shared an id would each send the other's batches again).
     */
    static String defaultInstanceId() {
        return ReplicaIds.hostAndPid() + "-" + INSTANCES.incrementAndGet();
    }

    @Override
    protected void doInit() throws Exception {
        String type = getClass().getSimpleName();
        DataSource dataSource = getDataSource();
        if (dataSource == null) {
            throw new IllegalArgumentException(type + " needs a dataSource");
        }
        if (getRepositoryName() == null || !IDENTIFIER.matcher(getRepositoryName()).matches()) {
            throw new IllegalArgumentException(type + " repositoryName '" + getRepositoryName()
                    + "' must be a plain SQL identifier (letters, digits, _; at most 41)");
        }
        if (getInstanceId() == null || !INSTANCE.matcher(getInstanceId()).matches()) {
            throw new IllegalArgumentException(type + " instanceId '" + getInstanceId()
                    + "' must be 1 to 200 letters, digits or ._:@-");
        }
        if (isUseRecovery() && deadAfter < 2 * getRecoveryInterval()) {
            throw new IllegalArgumentException(type + " deadAfter " + deadAfter + " ms must be at least twice the "
                    + "recoveryInterval (" + getRecoveryInterval() + " ms), or a live replica looks dead between scans");
        }
        if (getTransactionManager() == null) {
            setTransactionManager(new DataSourceTransactionManager(dataSource));
        }
        createTables();
        super.doInit();
    }

    private void createTables() {
        String blob = blobType();
        String open = getRepositoryName();
        String completed = getRepositoryNameCompleted();
        String instances = instancesTable();
        try {
            ddl("CREATE TABLE IF NOT EXISTS " + open + " (id VARCHAR(255) NOT NULL PRIMARY KEY, exchange "
                    + blob + " NOT NULL, version BIGINT NOT NULL)");
            ddl("CREATE TABLE IF NOT EXISTS " + completed + " (id VARCHAR(255) NOT NULL PRIMARY KEY, exchange "
                    + blob + " NOT NULL, version BIGINT NOT NULL, instance_id VARCHAR(255))");
            // a completed table of camel-sql's plain repository (the demos' before) gains the owner column
            ddl("ALTER TABLE " + completed + " ADD COLUMN IF NOT EXISTS instance_id VARCHAR(255)");
            ddl("CREATE TABLE IF NOT EXISTS " + instances + " (instance_id VARCHAR(255) NOT NULL PRIMARY KEY, "
                    + "heartbeat BIGINT NOT NULL)");
        } catch (DataAccessException e) {
            throw new IllegalStateException("Cannot create the tables of aggregation repository " + open + ": "
                    + rootMessage(e), e);
        }
        checkColumns(open, "id, exchange, version");
        checkColumns(completed, "id, exchange, version, instance_id");
        checkColumns(instances, "instance_id, heartbeat");
    }

    private void checkColumns(String table, String columns) {
        try {
            jdbcTemplate.queryForList("SELECT " + columns + " FROM " + table + " WHERE 1 = 0");
        } catch (DataAccessException e) {
            throw new IllegalStateException("Table " + table + " exists but is not a table of "
                    + getClass().getSimpleName() + ": it needs the columns " + columns + " (" + rootMessage(e)
                    + "); drop it or choose another repositoryName", e);
        }
    }

    private void ddl(String statement) {
        jdbcTemplate.execute((Connection c) -> {
            JdbcDdl.execute(c, statement);
            return null;
        });
    }

    private String blobType() {
        try {
            return jdbcTemplate.execute(JdbcDdl::blobType);
        } catch (DataAccessException e) {
            throw new IllegalStateException("Cannot reach the database of aggregation repository " + getRepositoryName()
                    + ": " + rootMessage(e), e);
        }
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        heartbeat(databaseNow());
    }

    @Override
    protected void doStop() throws Exception {
        try {
            // hand this replica's completed batches over at once instead of after deadAfter
            jdbcTemplate.update("DELETE FROM " + instancesTable() + " WHERE instance_id = ?", getInstanceId());
        } catch (DataAccessException e) {
            LOG.warn("Aggregation repository {}: cannot sign off instance {} ({}); its batches are taken over after {} ms",
                    getRepositoryName(), getInstanceId(), rootMessage(e), deadAfter);
        }
        super.doStop();
    }

    /**
     * Stores a batch the aggregator added to. When it had read the batch from the table ({@code oldExchange}), the row
     * must still be there at the version read: camel-sql's own {@code add} inserts a new row when the old one is gone,
     * so when another replica had completed (and sent) the batch meanwhile, its measurements came back in a new batch
     * and were sent twice. Here that case is an {@code OptimisticLockingException}, and the aggregator starts a new
     * batch with only the new message.
     */
    @Override
    public Exchange add(CamelContext camelContext, String key, Exchange oldExchange, Exchange newExchange)
            throws OptimisticLockingException {
        if (oldExchange == null) {
            return super.add(camelContext, key, null, newExchange); // an insert; a concurrent one is a conflict
        }
        Long version = newExchange.getProperty(VERSION_PROPERTY, Long.class);
        if (version == null) {
            version = oldExchange.getProperty(VERSION_PROPERTY, Long.class);
        }
        if (version == null) {
            throw new OptimisticLockingException(); // read without a version: read it again
        }
        long read = version;
        try {
            transactionTemplate.executeWithoutResult(status -> {
                try {
                    update(camelContext, key, newExchange, getRepositoryName(), read); // no row at that version: conflict
                } catch (OptimisticLockingException e) {
                    throw e;
                } catch (Exception e) {
                    throw new RuntimeCamelException(e);
                }
            });
        } catch (OptimisticLockingException e) {
            throw e;
        } catch (RuntimeException e) {
            Exception cause = e instanceof RuntimeCamelException && e.getCause() instanceof Exception c ? c : e;
            if (getJdbcOptimisticLockingExceptionMapper().isOptimisticLocking(cause)) {
                throw new OptimisticLockingException();
            }
            throw new RuntimeCamelException("Adding to batch " + key + " of aggregation repository " + getRepositoryName()
                    + " failed: " + rootMessage(e),
                    e);
        }
        return null;
    }

    /**
     * Completes a batch: deletes the open row at the version this replica read and stores the batch as completed, in
     * one transaction. camel-sql's own {@code remove} deletes without checking that the row was still at that
     * version, so when another replica had added to the batch meanwhile, a stale batch was completed and the
     * measurements added since were sent twice. Here that case is an {@code OptimisticLockingException}: the
     * aggregator (with {@code optimisticLocking}) aggregates again from the row as it now is.
     */
    @Override
    public void remove(CamelContext camelContext, String correlationId, Exchange exchange) {
        Long version = exchange.getProperty(VERSION_PROPERTY, Long.class);
        try {
            completeAt(camelContext, correlationId, exchange, version);
        } catch (OptimisticLockingException e) {
            throw e;
        } catch (RuntimeException e) {
            // the batch stays open and is completed on a later try; a plain exception here would end the aggregator's
            // completion-interval task for good (Camel runs it without a catch), and no batch would complete by time
            LOG.warn("Aggregation repository {}: completing batch {} failed, it stays open and is tried again: {}",
                    getRepositoryName(), correlationId, rootMessage(e));
            throw new OptimisticLockingException();
        }
    }

    private void completeAt(CamelContext camelContext, String correlationId, Exchange exchange, Long version) {
        transactionTemplate.executeWithoutResult(status -> {
            int deleted = version == null
                    ? jdbcTemplate.update("DELETE FROM " + getRepositoryName() + " WHERE id = ?", correlationId)
                    : jdbcTemplate.update("DELETE FROM " + getRepositoryName() + " WHERE id = ? AND version = ?",
                            correlationId, version);
            if (version != null && deleted == 0) {
                throw new OptimisticLockingException();
            }
            try {
                insert(camelContext, exchange.getExchangeId(), exchange, getRepositoryNameCompleted(),
                        version == null ? 1L : version, true);
            } catch (DuplicateKeyException e) {
                throw new OptimisticLockingException();
            } catch (Exception e) {
                throw new RuntimeCamelException("Completing batch " + correlationId + " of aggregation repository "
                        + getRepositoryName() + " failed: " + rootMessage(e),
                        e);
            }
        });
    }

    /**
     * The completed batches this replica sends again: its own, and those of replicas that stopped beating, which it
     * takes over first. Called by the aggregator's recovery task every {@code recoveryInterval}.
     */
    @Override
    public Set<String> scan(CamelContext camelContext) {
        try {
            long now = databaseNow();
            heartbeat(now);
            takeOverDeadInstances(now);
            return super.scan(camelContext);
        } catch (RuntimeException e) {
            // Camel's recovery task has no catch around scan: one failure would end it, and completed batches would
            // never be sent again; this replica's heartbeat also pauses, so after deadAfter a live one takes over
            LOG.warn("Aggregation repository {}: the recovery scan failed, tried again in {} ms: {}", getRepositoryName(),
                    getRecoveryInterval(), rootMessage(e));
            return Set.of();
        }
    }

    /**
     * The keys of the open batches, for the aggregator's completion-interval task; when the database does not answer,
     * none (the task tries again at the next interval) instead of an exception that would end the task for good.
     */
    @Override
    public Set<String> getKeys() {
        try {
            return super.getKeys();
        } catch (RuntimeException e) {
            LOG.warn("Aggregation repository {}: reading the open batches failed, tried again at the next interval: {}",
                    getRepositoryName(), rootMessage(e));
            return Set.of();
        }
    }

    /**
     * An open batch, or null when there is none. On the aggregator's completion-interval thread a database that does not
     * answer counts as none (the batch is completed at a later interval): Camel reads batches there without a catch,
     * and one exception would end the task for good. Anywhere else the failure is thrown, so the exchange fails and
     * nothing is aggregated onto a batch that could not be read.
     */
    @Override
    public Exchange get(CamelContext camelContext, String correlationId) {
        try {
            return super.get(camelContext, correlationId);
        } catch (RuntimeException e) {
            if (!Thread.currentThread().getName().contains(AggregateProcessor.AGGREGATE_TIMEOUT_CHECKER)) {
                throw e;
            }
            LOG.warn("Aggregation repository {}: reading batch {} failed, tried again at the next interval: {}",
                    getRepositoryName(), correlationId, rootMessage(e));
            return null;
        }
    }

    private long databaseNow() {
        Timestamp now = jdbcTemplate.queryForObject("SELECT CURRENT_TIMESTAMP", Timestamp.class);
        return now == null ? System.currentTimeMillis() : now.getTime();
    }

    private void heartbeat(long now) {
        if (jdbcTemplate.update("UPDATE " + instancesTable() + " SET heartbeat = ? WHERE instance_id = ?", now,
                getInstanceId()) == 0) {
            try {
                jdbcTemplate.update("INSERT INTO " + instancesTable() + " (instance_id, heartbeat) VALUES (?, ?)",
                        getInstanceId(),
                        now);
            } catch (DuplicateKeyException e) {
                jdbcTemplate.update("UPDATE " + instancesTable() + " SET heartbeat = ? WHERE instance_id = ?", now,
                        getInstanceId());
            }
        }
    }

    /** Moves the completed batches of dead replicas (or of none: rows from before) to this one; returns how many. */
    int takeOverDeadInstances(long now) {
        long cutoff = now - deadAfter;
        List<String> dead = jdbcTemplate.queryForList("SELECT instance_id FROM " + instancesTable() + " WHERE heartbeat < ?",
                String.class, cutoff);
        int taken = 0;
        for (String instance : dead) {
            int rows = jdbcTemplate.update(
                    "UPDATE " + getRepositoryNameCompleted() + " SET instance_id = ? WHERE instance_id = ?",
                    getInstanceId(), instance);
            jdbcTemplate.update("DELETE FROM " + instancesTable() + " WHERE instance_id = ? AND heartbeat < ?", instance,
                    cutoff);
            if (rows > 0) {
                LOG.info("Aggregation repository {}: took over {} completed batch(es) of replica {} (no heartbeat for {} ms)",
                        getRepositoryName(), rows, instance, deadAfter);
            }
            taken += rows;
        }
        // batches whose replica left no heartbeat at all (it signed off, or wrote them before this repository type)
        int orphans = jdbcTemplate
                .update("UPDATE " + getRepositoryNameCompleted() + " SET instance_id = ? WHERE instance_id IS NULL"
                        + " OR instance_id NOT IN (SELECT instance_id FROM " + instancesTable() + ")", getInstanceId());
        if (orphans > 0) {
            LOG.info("Aggregation repository {}: took over {} completed batch(es) of replicas that signed off",
                    getRepositoryName(), orphans);
        }
        return taken + orphans;
    }

    private String instancesTable() {
        return getRepositoryName() + "_instances";
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage();
    }

    /**
     * After how long without a heartbeat a replica counts as dead and its completed batches are taken over
     * (milliseconds, default 30000; at least twice {@code recoveryInterval}). Longer than the longest pause a live
     * replica can have (a GC, a slow database), or a paused replica's batch may be sent twice.
     */
    public long getDeadAfter() {
        return deadAfter;
    }

    public void setDeadAfter(long deadAfter) {
        this.deadAfter = deadAfter;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + getRepositoryName() + "/" + getInstanceId() + "]";
    }
}
