package io.cameltelemetry.examples;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.cameltelemetry.dcs.DcsConstants;
import io.cameltelemetry.dcs.DcsException;
import io.cameltelemetry.dcs.model.DcsMeter;
import io.cameltelemetry.dcs.model.DcsReading;
import io.cameltelemetry.dcs.model.DcsVirtualMeter;
import io.cameltelemetry.examples.sandbox.DcsSandbox;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** camel-dcs against the DCS sandbox, both API generations. */
class DcsSandboxTest {

    private DcsSandbox sandbox;
    private CamelContext context;
    private ProducerTemplate template;

    @BeforeEach
    void start() throws Exception {
        sandbox = new DcsSandbox().start(0);
        context = new DefaultCamelContext();
        context.start();
        template = context.createProducerTemplate();
    }

    @AfterEach
    void stop() throws Exception {
        context.close();
        sandbox.close();
    }

    private String uri(String operation, String options) {
        return "dcs:" + operation + "?baseUrl=" + sandbox.publicBaseUrl() + "&username=" + DcsSandbox.DEFAULT_USERNAME
                + "&password=RAW(" + DcsSandbox.DEFAULT_PASSWORD + ")&retryMaxDelay=100"
                + (options.isEmpty() ? "" : "&" + options);
    }

    @Test
    void theDocsExamplesListMetersAndFindAVirtualMeterByName() throws Exception {
        List<String> registers = new CopyOnWriteArrayList<>();
        String meters = uri("meters", "");
        String virtualMeters = uri("virtualMeters", "");
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                // @formatter:off
                // tag::meters[]
                from("direct:registers")
                        .to(meters)                                     // List<DcsMeter>, each with its registers
                        .split(body())
                            .split(simple("${body.registers()}"))       // DcsRegister: read it as R<id>
                                .setBody(simple("R${body.id()} ${body.name()} [${body.unit()}] x${body.effectiveScaleFactor()}"))
                                .to("direct:register");
                // end::meters[]
                // @formatter:on
                // @formatter:off
                // tag::findVm[]
                from("direct:findVirtualMeter")                         // header vmName: the name to look for
                        .to(virtualMeters)                              // List<DcsVirtualMeter>
                        .process(e -> {
                            String name = e.getMessage().getHeader("vmName", String.class);
                            List<?> all = e.getMessage().getBody(List.class);
                            e.getMessage().setBody(all.stream().map(DcsVirtualMeter.class::cast)
                                    .filter(vm -> vm.name().equalsIgnoreCase(name)).findFirst()
                                    .orElseThrow(() -> new IllegalArgumentException("no virtual meter named " + name)));
                        });
                // end::findVm[]
                // @formatter:on
                from("direct:register").process(e -> registers.add(e.getMessage().getBody(String.class)));
            }
        });
        template.sendBody("direct:registers", null);
        assertEquals(
                List.of("R733 Active Energy (import) [kWh] x1.0", "R734 Active Power [kW] x0.001",
                        "R740 Heat Energy [kWh] x1.0"),
                registers);
        DcsVirtualMeter vm = template.requestBodyAndHeader("direct:findVirtualMeter", null, "vmName",
                "greenhouse heating energy", DcsVirtualMeter.class);
        assertEquals(9, vm.id());
        assertEquals("R1+R2", vm.expression());
    }

    @Test
    void listsMetersAndFindsAVirtualMeterByName() {
        @SuppressWarnings("unchecked")
        List<DcsMeter> meters = template.requestBody(uri("meters", ""), null, List.class);
        assertEquals(List.of(733L, 734L, 740L), meters.stream().flatMap(m -> m.registers().stream()).map(r -> r.id()).toList());
        assertEquals(0.001, meters.get(0).registers().get(1).effectiveScaleFactor());
        @SuppressWarnings("unchecked")
        List<DcsVirtualMeter> vms = template.requestBody(uri("virtualMeters", ""), null, List.class);
        assertEquals(9, vms.stream().filter(v -> v.name().equals("Greenhouse heating energy")).findFirst().orElseThrow().id());
    }

    @Test
    void aYearOfHalfHoursStreamsInWindowsUnderTheServersRangeLimit() throws Exception {
        sandbox.setRangeLimitDays(100);
        List<DcsReading> wrong = new ArrayList<>();
        long[] count = { 0 };
        Instant[] expected = { Instant.parse("2023-01-01T00:00:00Z") };
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:year").to(uri("readings", "id=9&isVirtual=true&startTime=2023-01-01T00:00:00Z"
                        + "&endTime=2024-01-01T00:00:00Z&maxWindow=100d"))
                        .split(body()).streaming().process(e -> {
                            DcsReading r = e.getIn().getBody(DcsReading.class);
                            if (!r.timestamp().equals(expected[0])
                                    || r.value() != DcsSandbox.halfHourValue("VM9", r.timestamp())) {
                                wrong.add(r);
                            }
                            expected[0] = expected[0].plus(Duration.ofMinutes(30));
                            count[0]++;
                        });
            }
        });
        Exchange out = template.send("direct:year", e -> {
        });
        assertEquals(null, out.getException());
        assertEquals("Sandbox VM 9", out.getMessage().getHeader(DcsConstants.NAME));
        assertEquals(List.of(), wrong);
        assertEquals(365 * 48, count[0]);
        assertEquals(Instant.parse("2024-01-01T00:00:00Z"), expected[0]);
        assertEquals(4 + 1, sandbox.requestCount(), "sign-in plus 4 windows of at most 100 days");
    }

    @Test
    void aRangeBeyondTheServersLimitIsA400WithDetails() {
        sandbox.setRangeLimitDays(30);
        Exchange out = template.send(uri("readings", "id=733&startTime=2023-01-01T00:00:00Z&endTime=2023-03-01T00:00:00Z"),
                e -> {
                });
        DcsException error = assertInstanceOf(DcsException.class, out.getException());
        assertEquals(400, error.getStatusCode());
        assertTrue(error.getDetails().contains("allowed date range"), error.getDetails());
    }

    @Test
    void anExpiredCookieIsRenewedBySigningInAgain() throws Exception {
        String readings = uri("readings", "id=733&periodType=day&streaming=false");
        Map<String, Object> day = Map.of(DcsConstants.START_TIME, "2024-01-01", DcsConstants.PERIOD_COUNT, 2);
        assertEquals(2, template.requestBodyAndHeaders(readings, null, day, List.class).size());
        sandbox.expireSessions();
        assertEquals(2, template.requestBodyAndHeaders(readings, null, day, List.class).size());
        // sign-in, readings, readings -> 401, sign-in, readings
        assertEquals(5, sandbox.requestCount());
    }

    @Test
    void cookiesExpireAfterTheConfiguredLifetime() throws Exception {
        sandbox.setCookieLifetime(Duration.ZERO);
        String meters = uri("meters", "maxRetries=0");
        Exchange out = template.send(meters, e -> {
        });
        // signed in, the cookie expired at once: 401, signed in again, expired again: the second 401 is reported
        DcsException error = assertInstanceOf(DcsException.class, out.getException());
        assertEquals(401, error.getStatusCode());
        assertEquals(4, sandbox.requestCount());
    }

    @Test
    void rateLimitingIsWaitedOut() {
        sandbox.rateLimitNext(2);
        @SuppressWarnings("unchecked")
        List<DcsMeter> meters = template.requestBody(uri("meters", ""), null, List.class);
        assertEquals(2, meters.size());
    }

    @Test
    void theLegacyApiServesTheSameData() {
        String legacy = "dcs:readings?apiVersion=legacy&baseUrl=" + sandbox.legacyBaseUrl() + "&username="
                + DcsSandbox.DEFAULT_USERNAME + "&password=RAW(" + DcsSandbox.DEFAULT_PASSWORD
                + ")&id=733&integrationPeriod=halfHour&streaming=false&startTime=2024-01-01&endTime=2024-01-02";
        @SuppressWarnings("unchecked")
        List<DcsReading> readings = template.requestBody(legacy, null, List.class);
        assertEquals(48, readings.size());
        assertEquals(30, readings.get(0).durationMinutes());
        assertEquals(DcsSandbox.halfHourValue("R733", Instant.parse("2024-01-01T00:00:00Z")), readings.get(0).value());
        assertTrue(readings.get(1).totalValue() > readings.get(0).totalValue());
    }

    @Test
    void theDocsExampleComputesTheMaximumDemandOfAYear() throws Exception {
        try (CamelContext ctx = new DefaultCamelContext()) {
            String readings = uri("readings",
                    "id=9&isVirtual=true&startTime=2023-01-01T00:00:00Z&endTime=2024-01-01T00:00:00Z");
            ctx.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    // @formatter:off
                    // tag::maxDemand[]
                    from("direct:maxDemand")
                            .to(readings)                                   // Iterator<DcsReading>, read as it streams
                            .split(body(), (oldEx, newEx) -> {             // keep the reading with the largest value
                                if (oldEx == null) {
                                    return newEx;
                                }
                                DcsReading best = oldEx.getIn().getBody(DcsReading.class);
                                DcsReading next = newEx.getIn().getBody(DcsReading.class);
                                return next.value() > best.value() ? newEx : oldEx;
                            }).streaming()
                                .log(org.apache.camel.LoggingLevel.DEBUG, "${body}")
                            .end()
                            .transform(simple("${body.value()}"));         // kWh per half hour
                    // end::maxDemand[]
                    // @formatter:on
                }
            });
            ctx.start();
            double maxKwh = ctx.createProducerTemplate().requestBody("direct:maxDemand", null, Double.class);
            double expected = 0;
            for (Instant t = Instant.parse("2023-01-01T00:00:00Z"); t
                    .isBefore(Instant.parse("2024-01-01T00:00:00Z")); t = t.plus(Duration.ofMinutes(30))) {
                expected = Math.max(expected, DcsSandbox.halfHourValue("VM9", t));
            }
            assertEquals(expected, maxKwh);
        }
    }
}
