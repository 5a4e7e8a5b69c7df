package io.cameltelemetry.examples;

import java.io.File;

import io.cameltelemetry.common.state.SharedJdbcAggregationRepository;
import org.h2.jdbcx.JdbcDataSource;

/**
 * The demo's crash-safe home for open batches (PYLOT's, Initial State's, esmond's, ArchFX's) in one process: a
 * {@link SharedJdbcAggregationRepository} on an embedded H2 database file. A measurement the aggregator accepted is
 * committed to the file before the exchange that brought it completes (so the DCS cursor moves only past stored
 * readings); a completed batch stays in the {@code _completed} table until the platform accepted it, and is sent again
 * after a crash ({@code useRecovery}, at once: the instance id is fixed, as only one process can open the file); after
 * {@code maximumRedeliveries} failed sends it goes to the {@code deadLetterUri}. For several replicas, declare a
 * {@code SharedJdbcAggregationRepository} on PostgreSQL instead (see the components' "State shared by replicas").
 * <p>
 * In YAML: {@code type: io.cameltelemetry.examples.H2AggregationRepository} with the properties {@code databaseFile}
 * and {@code repositoryName}.
 */
public class H2AggregationRepository extends SharedJdbcAggregationRepository {

    private String databaseFile = "target/batches";

    public H2AggregationRepository() {
        setRepositoryName("batches");
        setMaximumRedeliveries(5);
        setInstanceId("local");
    }

    @Override
    protected void doInit() throws Exception {
        File file = new File(databaseFile).getAbsoluteFile();
        File dir = file.getParentFile();
        if (dir != null && !dir.isDirectory() && !dir.mkdirs()) {
            throw new IllegalStateException("Cannot create the directory of the batch store " + dir);
        }
        JdbcDataSource dataSource = new JdbcDataSource();
        // open between connections (no pool here: reopening per transaction is slow); every commit written at once, so
        // what a commit stored survives kill -9 of this process
        dataSource.setURL("jdbc:h2:file:" + file.getPath() + ";DB_CLOSE_DELAY=-1;WRITE_DELAY=0");
        setDataSource(dataSource);
        super.doInit();
    }

    /** The H2 database file (without its {@code .mv.db} suffix); default {@code target/batches}. */
    public String getDatabaseFile() {
        return databaseFile;
    }

    public void setDatabaseFile(String databaseFile) {
        this.databaseFile = databaseFile;
    }
}
