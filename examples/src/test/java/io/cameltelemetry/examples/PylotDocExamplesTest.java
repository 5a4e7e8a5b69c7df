package io.cameltelemetry.examples;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import io.cameltelemetry.examples.sandbox.PylotSandbox;
import io.cameltelemetry.pylot.PylotAggregationStrategy;
import io.cameltelemetry.pylot.PylotConstants;
import io.cameltelemetry.pylot.model.Measurement;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.processor.aggregate.jdbc.JdbcAggregationRepository;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The Java DSL examples of pylot-component.adoc, run against the PYLOT sandbox. */
class PylotDocExamplesTest {

    private PylotSandbox sandbox;

    @BeforeEach
    void start() throws Exception {
        sandbox = new PylotSandbox().start(0);
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private String pylotUri() {
        return "pylot:greenhouse-demo?baseUrl=" + sandbox.baseUrl() + "&username=" + PylotSandbox.DEFAULT_USERNAME
                + "&password=RAW(" + PylotSandbox.DEFAULT_PASSWORD + ")&zoneId=Europe/Amsterdam";
    }

    @Test
    void directSendExample() throws Exception {
        try (CamelContext context = new DefaultCamelContext()) {
            String uri = pylotUri();
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    // @formatter:off
                    // tag::direct[]
                    from("direct:climate")
                            .setHeader(PylotConstants.NODE, constant("Zone 1"))
                            .to(uri); // body: Map<String, Number> of metric id -> value, one row "now"
                    // end::direct[]
                    // @formatter:on
                }
            });
            context.start();
            context.createProducerTemplate().sendBodyAndHeader("direct:climate", Map.of("220", 21.5),
                    PylotConstants.TIMESTAMP, "2024-06-01T12:00:00Z");
            assertEquals(21.5, sandbox.value("greenhouse-demo", "Zone 1", "2024-06-01T14:00:00", "220"));
        }
    }

    @Test
    void batchingExampleFlushesOnStop() throws Exception {
        try (CamelContext context = new DefaultCamelContext()) {
            String uri = pylotUri();
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    // @formatter:off
                    // tag::batching[]
                    from("direct:measurements")
                            .aggregate(constant(true), new PylotAggregationStrategy())
                                .completionSize(1000)           // messages per batch
                                .completionInterval(10_000)     // or every 10 s
                                .forceCompletionOnStop()        // nothing left behind on shutdown
                            .to(uri);
                    // end::batching[]
                    // @formatter:on
                }
            });
            context.start();
            for (int i = 0; i < 5; i++) {
                context.createProducerTemplate().sendBody("direct:measurements",
                        Measurement.of("Zone 2", LocalDateTime.of(2024, 6, 1, 12, 0, i), "co2", 600 + i));
            }
            assertEquals(0, sandbox.acceptedRequestCount());
            context.stop();
            assertEquals(1, sandbox.acceptedRequestCount());
            assertEquals(5, sandbox.values().size());
        }
    }

    /** A batch held in a JDBC aggregation repository survives a crash (a context stopped without completing it). */
    @Test
    void persistentRepositoryKeepsTheBatchAcrossARestart() throws Exception {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:pylot-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        for (String table : List.of("pylot_batches", "pylot_batches_completed")) {
            jdbc.execute("CREATE TABLE " + table + " (id VARCHAR(255) NOT NULL, exchange BLOB NOT NULL, "
                    + "version BIGINT NOT NULL, CONSTRAINT " + table + "_pk PRIMARY KEY (id))");
        }
        List<Measurement> first = List.of(Measurement.of("Zone 3", LocalDateTime.of(2024, 6, 1, 12, 0, 0), "t", 20),
                Measurement.of("Zone 3", LocalDateTime.of(2024, 6, 1, 12, 0, 1), "t", 21));
        try (CamelContext context = batchingContext(dataSource, false)) {
            first.forEach(m -> context.createProducerTemplate().sendBody("direct:measurements", m));
        } // stopped without completing: the "crash"
        assertEquals(0, sandbox.acceptedRequestCount());
        assertEquals(1, jdbc.queryForObject("SELECT COUNT(*) FROM pylot_batches", Integer.class));

        try (CamelContext context = batchingContext(dataSource, true)) {
            context.createProducerTemplate().sendBody("direct:measurements",
                    Measurement.of("Zone 3", LocalDateTime.of(2024, 6, 1, 12, 0, 2), "t", 22));
            await().until(() -> sandbox.acceptedRequestCount() == 1);
        }
        assertEquals(3, sandbox.values().size());
        assertEquals(20.0, sandbox.value("greenhouse-demo", "Zone 3", "2024-06-01T12:00:00", "t"));
        assertEquals(22.0, sandbox.value("greenhouse-demo", "Zone 3", "2024-06-01T12:00:02", "t"));
    }

    private CamelContext batchingContext(DataSource dataSource, boolean completeOnThird) throws Exception {
        CamelContext context = new DefaultCamelContext();
        String uri = pylotUri();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                // @formatter:off
                // tag::jdbc[]
                JdbcAggregationRepository repository = new JdbcAggregationRepository(
                        new DataSourceTransactionManager(dataSource), "pylot_batches", dataSource);
                repository.setUseRecovery(true); // batches whose send failed are retried from the database
                // let the repository deserialize PylotBatch (its default filter allows java.** and org.apache.camel.** only)
                repository.setDeserializationFilter("java.**;org.apache.camel.**;io.cameltelemetry.**;!*");

                from("direct:measurements")
                        .aggregate(constant(true), new PylotAggregationStrategy())
                            .aggregationRepository(repository)
                            .completionSize(3)
                        .to(uri);
                // end::jdbc[]
                // @formatter:on
            }
        });
        context.start();
        return context;
    }
}
