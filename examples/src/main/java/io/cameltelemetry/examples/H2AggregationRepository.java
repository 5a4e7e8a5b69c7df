package io.cameltelemetry.examples;

import java.io.File;

import org.apache.camel.processor.aggregate.jdbc.JdbcAggregationRepository;
import org.h2.jdbcx.JdbcDataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * The demo's crash-safe home for open batches (PYLOT's, Initial State's): camel-sql's {@link JdbcAggregationRepository}
 * on an embedded H2 database file, with its two tables ({@code <repositoryName>} and {@code <repositoryName>_completed})
 * created on first start. A measurement the aggregator accepted is committed to
 * the file before the exchange that brought it completes (so the DCS cursor moves only past stored readings); a
 * completed batch stays in the {@code _completed} table until PYLOT accepted it, and is sent again after a crash
 * ({@code useRecovery}); after {@code maximumRedeliveries} failed sends it goes to the {@code deadLetterUri}.
 * <p>
 * In YAML: {@code type: io.cameltelemetry.examples.H2AggregationRepository} with the properties {@code databaseFile}
 * and {@code repositoryName}.
 */
public class H2AggregationRepository extends JdbcAggregationRepository {

    private String databaseFile = "target/batches";

    public H2AggregationRepository() {
        setRepositoryName("batches");
        setUseRecovery(true);
        setRecoveryInterval(5000);
        setMaximumRedeliveries(5);
        // let the repository deserialize PylotBatch and InitialStateBatch (its default filter allows java.** and
        // org.apache.camel.** only)
        setDeserializationFilter("java.**;org.apache.camel.**;io.cameltelemetry.**;!*");
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
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        for (String table : new String[]{ getRepositoryName(), getRepositoryName() + "_completed" }) {
            jdbc.execute("CREATE TABLE IF NOT EXISTS " + table + " (id VARCHAR(255) NOT NULL PRIMARY KEY, "
                    + "exchange BLOB NOT NULL, version BIGINT NOT NULL)");
        }
        setDataSource(dataSource);
        setTransactionManager(new DataSourceTransactionManager(dataSource));
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
